using System.Text.Json.Nodes;

namespace Portal.Catalog.Model;

/// <summary>
/// What a built-in kind's JSON schema asks of <c>spec</c>, for the apiVersions it is defined for.
/// <see cref="CheckSpec"/> is handed the spec object and reports at paths under "spec".
/// </summary>
internal sealed record KindSchema(string Kind, IReadOnlyList<string> ApiVersions, Action<JsonObject, ProblemCollector> CheckSpec)
{
    public static readonly IReadOnlyList<string> CoreApiVersions = ["backstage.io/v1alpha1", "backstage.io/v1beta1"];

    public static KindSchema Core(string kind, params FieldCheck[] spec) => new(kind, CoreApiVersions, (obj, problems) => Run(spec, obj, problems));

    public static void Run(IEnumerable<FieldCheck> checks, JsonObject spec, ProblemCollector problems)
    {
        foreach (var check in checks)
        {
            check(spec, "spec", problems);
        }
    }
}
