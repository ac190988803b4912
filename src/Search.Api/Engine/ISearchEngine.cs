namespace Search.Api.Engine;

/// <summary>
/// The search engine behind the query API. PostgreSQL full-text search is the engine Portal ships; another (such as
/// Elasticsearch) can be added behind this interface where one is available.
/// </summary>
public interface ISearchEngine
{
    /// <summary>Results, counts and facets of <paramref name="query"/> among the documents <paramref name="filter"/> lets through.</summary>
    Task<SearchResultSet> QueryAsync(SearchQuery query, ReadFilter filter, CancellationToken cancellationToken);

    Task<IReadOnlyList<Suggestion>> SuggestAsync(string term, IReadOnlyList<string> types, int limit, ReadFilter filter, CancellationToken cancellationToken);
}
