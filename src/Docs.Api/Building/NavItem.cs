namespace Docs.Api.Building;

/// <summary>An entry of a site's navigation: a page (<see cref="Path"/> inside the site), a link out (<see cref="Url"/>) or a section.</summary>
public sealed record NavItem(string Title, string? Path, string? Url, IReadOnlyList<NavItem>? Children);
