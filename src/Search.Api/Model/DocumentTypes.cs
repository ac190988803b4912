namespace Search.Api.Model;

/// <summary>The document types of the index, named as Backstage's collators name them.</summary>
public static class DocumentTypes
{
    public const string SoftwareCatalog = "software-catalog";
    public const string TechDocs = "techdocs";
    public const string SoftwareTemplate = "software-template";

    public static readonly IReadOnlyList<string> All = [SoftwareCatalog, TechDocs, SoftwareTemplate];
}
