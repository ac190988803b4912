namespace Portal.Catalog.Model;

/// <summary>Template.v1beta3 of scaffolder-common: the shapes the catalog can check without running the template.</summary>
internal static class TemplateKind
{
    private static readonly FieldCheck[] Step =
    [
        Fields.OptionalString("id", nonEmpty: false),
        Fields.OptionalString("name", nonEmpty: false),
        Fields.RequiredString("action", nonEmpty: false),
        Fields.OptionalObject("input"),
        Fields.OptionalStringOrBoolean("if"),
    ];

    private static readonly FieldCheck[] FormDecorator =
    [
        Fields.OptionalString("id", nonEmpty: false),
        Fields.OptionalObject("input"),
    ];

    public static readonly KindSchema Schema = new("Template", ["scaffolder.backstage.io/v1beta3"], (spec, problems) => KindSchema.Run(
        [
            Fields.RequiredString("type"),
            Fields.OptionalString("owner"),
            Fields.OptionalString("lifecycle"),
            Fields.OptionalObjectOrObjectList("parameters"),
            Fields.RequiredObjectList("steps", minItems: 0, Step),
            Fields.OptionalObject("output", Fields.OptionalObjectList("links"), Fields.OptionalObjectList("text")),
            Fields.OptionalObject("secrets"),
            Fields.OptionalObject("presentation"),
            Fields.OptionalObject("EXPERIMENTAL_recovery"),
            Fields.OptionalObjectList("formDecorators", FormDecorator),
            Fields.OptionalObjectList("EXPERIMENTAL_formDecorators", FormDecorator),
        ],
        spec,
        problems));
}
