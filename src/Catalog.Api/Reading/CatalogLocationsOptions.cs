namespace Catalog.Api.Reading;

/// <summary>Bound to <c>Catalog:Locations</c>: where the catalog may read from, and how often it refreshes.</summary>
public sealed class CatalogLocationsOptions
{
    public const string SectionName = "Catalog:Locations";

    /// <summary>Folders under which <c>file</c> locations (and local git repositories) may be read.</summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>Hosts that <c>url</c> locations may be fetched from (exact host names, or <c>*.example.com</c>).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How often every location is read again.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest file the catalog reads.</summary>
    public long MaxFileBytes { get; set; } = 64 * 1024 * 1024;
}
