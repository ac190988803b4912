namespace Search.Api.Engine;

/// <summary>Bounds that keep every query fast however many documents a term matches (section <c>Search:Engine</c>).</summary>
public sealed class SearchEngineOptions
{
    public const string SectionName = "Search:Engine";

    /// <summary>At most this many matches are counted, faceted and paged through; a term matching more says so.</summary>
    public int CandidateLimit { get; set; } = 1_000;

    /// <summary>How many of the candidates (pre-ordered by title hit and static rank) get the costly <c>ts_rank_cd</c>.</summary>
    public int RankWindow { get; set; } = 200;

    /// <summary>Below this <c>word_similarity</c> a title is no typo of the term.</summary>
    public double TypoSimilarity { get; set; } = 0.4;

    /// <summary>Characters of a document's text returned in results (docs pages can be long).</summary>
    public int ResultTextLength { get; set; } = 2_000;
}
