namespace Docs.Api.Sources;

/// <summary>Bound to <c>Docs:Sources</c>: where docs may be read from, and how much of them.</summary>
public sealed class DocsSourcesOptions
{
    public const string SectionName = "Docs:Sources";

    /// <summary>Folders under which local docs (and local git repositories) may be read.</summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>Hosts that <c>url:</c> docs may be fetched from (exact host names, or <c>*.example.com</c>).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Largest single file a site may hold.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest total size of a site's source.</summary>
    public long MaxSiteBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>Most files a site may hold.</summary>
    public int MaxFiles { get; set; } = 10_000;
}
