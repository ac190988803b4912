using Portal.Contracts.Docs.V1;

namespace Docs.Api.Building;

/// <summary>A rendered site: the files to publish (path inside the site → bytes), its pages for search and its navigation.</summary>
public sealed record BuiltSite(
    string SiteName,
    string? SiteDescription,
    IReadOnlyDictionary<string, byte[]> Files,
    IReadOnlyList<DocsPage> Pages,
    IReadOnlyList<NavItem> Nav);
