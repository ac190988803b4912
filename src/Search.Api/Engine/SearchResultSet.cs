using System.Text.Json;

namespace Search.Api.Engine;

/// <summary>One page of results with the match count and the facet counts of the whole query.</summary>
/// <param name="Results">The page, best first.</param>
/// <param name="NumberOfResults">Matches counted, at most the engine's candidate limit.</param>
/// <param name="NumberOfResultsCapped">True when more documents match than were counted (and faceted).</param>
/// <param name="HasMore">Whether a next page exists.</param>
/// <param name="Facets">Facet name → its most frequent values among the counted matches.</param>
/// <param name="Fuzzy">True when no document matched the words and the results are titles similar to the term (typos).</param>
public sealed record SearchResultSet(
    IReadOnlyList<SearchResult> Results,
    int NumberOfResults,
    bool NumberOfResultsCapped,
    bool HasMore,
    bool Fuzzy,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

/// <summary>How many of the counted matches have this value in a facet field.</summary>
public sealed record FacetValue(string Value, int Count);

/// <param name="Type">The document type, e.g. <c>software-catalog</c>.</param>
/// <param name="Document">The document as Backstage's collators shape it: title, text, location and type-specific fields.</param>
/// <param name="Highlights">Field name → text with matches between <see cref="Highlighting.PreTag"/> and <see cref="Highlighting.PostTag"/>.</param>
/// <param name="Rank">1-based position in the whole result list.</param>
public sealed record SearchResult(string Type, JsonElement Document, IReadOnlyDictionary<string, string> Highlights, int Rank);

public sealed record Suggestion(string Title, string Type, string Location);

public static class Highlighting
{
    // Tags unlikely to occur in documents, as Backstage's engines use, so clients can split on them safely.
    public const string PreTag = "<portal-highlight>";
    public const string PostTag = "</portal-highlight>";
}
