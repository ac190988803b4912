namespace Scaffolder.Api.Sources;

/// <summary>Bound to <c>Scaffolder:Sources</c>: where templates and their files may be read from (as the catalog's locations).</summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Scaffolder:Sources";

    /// <summary>Folders under which template files and local git repositories may be read.</summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>Hosts that template files may be fetched from over http(s).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The most bytes one fetch may read.</summary>
    public long MaxBytes { get; set; } = 64 * 1024 * 1024;
}
