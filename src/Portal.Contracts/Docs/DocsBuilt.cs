namespace Portal.Contracts.Docs.V1;

/// <summary>The docs site of an entity was built and is being served.</summary>
/// <param name="EntityRef">The documented entity, <c>kind:namespace/name</c>.</param>
/// <param name="BuildId">Identifies this build; a later build of the same entity has a later <paramref name="BuiltAt"/>.</param>
/// <param name="SiteName">The site name from <c>mkdocs.yml</c>, or the entity's name.</param>
/// <param name="SourceHash">Hash of the docs source the build read; equal hashes mean equal sites.</param>
/// <param name="Pages">Every page of the site, with its plain text for search.</param>
/// <param name="BuiltAt">When the build finished.</param>
/// <param name="OccurredAt">When the docs service published the site.</param>
public sealed record DocsBuilt(
    string EntityRef,
    Guid BuildId,
    string SiteName,
    string SourceHash,
    IReadOnlyList<DocsPage> Pages,
    DateTimeOffset BuiltAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>One page of a built docs site.</summary>
/// <param name="Path">The page's path inside the site, e.g. <c>guides/setup/</c>.</param>
/// <param name="Title">The page title (its first heading, or the nav title).</param>
/// <param name="Text">The page's text without markup, for indexing.</param>
/// <param name="Sections">Headings of the page with their anchors, for deep links.</param>
public sealed record DocsPage(string Path, string Title, string Text, IReadOnlyList<DocsSection> Sections);

/// <summary>A heading inside a docs page.</summary>
/// <param name="Anchor">The heading's stable anchor id.</param>
/// <param name="Title">The heading's text.</param>
public sealed record DocsSection(string Anchor, string Title);
