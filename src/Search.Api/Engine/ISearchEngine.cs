namespace Search.Api.Engine;

/// <summary>
/// The search engine behind the query API. PostgreSQL full-text search is the engine Portal ships; another (such as
/// Elasticsearch) can be added behind this interface where one is available.
/// </summary>
public interface ISearchEngine
{
    Task<SearchResultSet> QueryAsync(SearchQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<Suggestion>> SuggestAsync(string term, IReadOnlyList<string> types, int limit, CancellationToken cancellationToken);
}
