namespace Search.Api.Engine;

/// <summary>A validated query: the term in web-search syntax, document types, filters (field → accepted values) and the page.</summary>
public sealed record SearchQuery(
    string Term,
    IReadOnlyList<string> Types,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    int Offset,
    int Limit);
