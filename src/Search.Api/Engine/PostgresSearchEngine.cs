using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Search.Api.Indexing;
using Search.Api.Infrastructure.EntityConfigurations;

namespace Search.Api.Engine;

/// <summary>
/// PostgreSQL full-text search over the live generation. Ranking every match of a common term is what makes naive FTS
/// slow (all vectors read and scored), so a query works in bounded steps:
/// <list type="number">
/// <item>candidates: at most <see cref="SearchEngineOptions.CandidateLimit"/> matches, found through the GIN index for
/// rare terms or by a scan that stops early for common ones (the planner sees the real tsquery and picks); they are
/// counted and faceted;</item>
/// <item>a cheap pre-order of the candidates (a top-N sort): title hit first, then the stored static rank;</item>
/// <item><c>ts_rank_cd</c> for the first <see cref="SearchEngineOptions.RankWindow"/> of them only, and <c>ts_headline</c>
/// for the returned page only.</item>
/// </list>
/// When nothing matches the words, titles similar to the term (<c>pg_trgm</c>) are returned instead, for typos.
/// </summary>
public sealed class PostgresSearchEngine(NpgsqlDataSource dataSource, IOptions<SearchEngineOptions> options) : ISearchEngine
{
    private const string Config = IndexedDocumentConfiguration.TextSearchConfig;
    private const string Live = "(SELECT id FROM index_generations WHERE state = 'live')";
    private const string HeadlineOptions =
        $"StartSel={Highlighting.PreTag}, StopSel={Highlighting.PostTag}";
    private const string TextHeadlineOptions =
        HeadlineOptions + ", MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=\" … \"";

    private readonly SearchEngineOptions _options = options.Value;

    public async Task<SearchResultSet> QueryAsync(SearchQuery query, ReadFilter filter, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = SearchTelemetry.ActivitySource.StartActivity("search.query");
        var text = TextQuery.Parse(query.Term);
        var result = await RunAsync(query, text, filter, fuzzy: false, cancellationToken);
        if (result.NumberOfResults == 0 && !text.IsEmpty && text.Words.Length >= 3)
        {
            result = await RunAsync(query, text, filter, fuzzy: true, cancellationToken);
        }

        SearchTelemetry.QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(
        string term, IReadOnlyList<string> types, int limit, ReadFilter filter, CancellationToken cancellationToken)
    {
        var text = TextQuery.Parse(term);
        var start = term.Trim().ToLowerInvariant();
        if (start.Length == 0)
        {
            return [];
        }

        var typeFilter = (types.Count > 0 ? "AND d.type = ANY(@types)" : "") + filter.And;
        var wordQuery = text.Sql(Config);
        // Titles that start with the term (an ordered index range), then titles with a word starting so (bounded). The
        // word tier is gated (a one-time filter) on the first coming up short: a common prefix fills the first tier
        // from the index range alone and never pays for the bitmap of every title containing such a word.
        await using var command = dataSource.CreateCommand(
            $"""
            WITH starts AS (
                SELECT d.title, d.type, d.location, 0 AS tier, 0::real AS weight
                FROM search_documents d
                WHERE d.index_generation = {Live} AND lower(d.title) COLLATE "C" LIKE @like {typeFilter}
                ORDER BY lower(d.title) COLLATE "C"
                LIMIT @limit),
            words AS (
                SELECT c.title, c.type, c.location, 1 AS tier, c.static_rank AS weight
                FROM (SELECT d.title, d.type, d.location, d.static_rank FROM search_documents d
                      WHERE d.index_generation = {Live} AND d.title_vector @@ {wordQuery} {typeFilter}
                        AND (SELECT count(*) FROM starts) < @limit
                      LIMIT 200) c
                ORDER BY c.static_rank DESC, length(c.title), c.title
                LIMIT @limit)
            SELECT title, type, location FROM (
                SELECT DISTINCT ON (title) title, type, location, tier, weight
                FROM (SELECT * FROM starts UNION ALL SELECT * FROM words) s
                ORDER BY title, tier) u
            ORDER BY tier, weight DESC, length(title), title
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("like", EscapeLike(start) + "%");
        command.Parameters.AddWithValue("limit", limit);
        AddTextParameters(command, text);
        filter.AddTo(command);
        if (types.Count > 0)
        {
            command.Parameters.AddWithValue("types", types.ToArray());
        }

        var suggestions = new List<Suggestion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            suggestions.Add(new Suggestion(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return suggestions;
    }

    private async Task<SearchResultSet> RunAsync(SearchQuery query, TextQuery text, ReadFilter filter, bool fuzzy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(BuildSql(query, text, filter, fuzzy), connection, transaction);
        if (fuzzy)
        {
            await using var threshold = new NpgsqlCommand("SELECT set_config('pg_trgm.word_similarity_threshold', @value, true)", connection, transaction);
            threshold.Parameters.AddWithValue("value", _options.TypoSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await threshold.ExecuteNonQueryAsync(cancellationToken);
            command.Parameters.AddWithValue("words", text.Words);
        }

        AddTextParameters(command, text);
        filter.AddTo(command);
        command.Parameters.AddWithValue("cap", _options.CandidateLimit);
        command.Parameters.AddWithValue("window", _options.RankWindow);
        command.Parameters.AddWithValue("offset", query.Offset);
        command.Parameters.AddWithValue("limit", query.Limit);
        command.Parameters.AddWithValue("textLength", _options.ResultTextLength);
        if (query.Types.Count > 0)
        {
            command.Parameters.AddWithValue("types", query.Types.ToArray());
        }

        var index = 0;
        foreach (var (_, values) in query.Filters)
        {
            command.Parameters.AddWithValue($"f{index++}", values.Select(v => v.ToLowerInvariant()).ToArray());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt32(0);
        var facets = JsonSerializer.Deserialize<Dictionary<string, List<FacetValue>>>(reader.GetString(1), JsonOptions)!;
        var rows = JsonSerializer.Deserialize<List<ResultRow>>(reader.GetString(2), JsonOptions)!;
        var hasMore = rows.Count > query.Limit;
        var results = rows.Take(query.Limit).Select((row, i) => new SearchResult(
            row.Type,
            row.Document,
            Highlights(row),
            query.Offset + i + 1)).ToList();
        return new SearchResultSet(
            results, count, count >= _options.CandidateLimit, hasMore, fuzzy,
            SearchFilters.Facets.ToDictionary(f => f.Facet, f => (IReadOnlyList<FacetValue>)(facets.GetValueOrDefault(f.Facet) ?? [])));
    }

    private string BuildSql(SearchQuery query, TextQuery text, ReadFilter filter, bool fuzzy)
    {
        var tsQuery = text.Sql(Config);
        var where = new StringBuilder($"d.index_generation = {Live}{filter.And}");
        string titleHit, rank;
        if (fuzzy)
        {
            where.Append(" AND @words <% d.title");
            titleHit = "word_similarity(@words, d.title)";
            rank = "p.title_hit";
        }
        else if (text.IsEmpty)
        {
            titleHit = "0";
            rank = "NULL::real";
        }
        else
        {
            where.Append($" AND d.search_vector @@ {tsQuery}");
            titleHit = $"(d.title_vector @@ {tsQuery})::int";
            rank = $"ts_rank_cd(d.search_vector, {tsQuery})";
        }

        if (query.Types.Count > 0)
        {
            where.Append(" AND d.type = ANY(@types)");
        }

        var index = 0;
        foreach (var (field, _) in query.Filters)
        {
            where.Append(" AND ").Append(SearchFilters.Predicate(field, $"@f{index++}"));
        }

        var highlight = text.IsEmpty || fuzzy
            ? "NULL::text AS title_hl, NULL::text AS text_hl"
            : $"ts_headline('{Config}', d.title, {tsQuery}, '{HeadlineOptions}') AS title_hl, " +
              $"ts_headline('{Config}', left(d.text, 20000), {tsQuery}, '{TextHeadlineOptions}') AS text_hl";
        var facetUnion = string.Join(" UNION ALL ", SearchFilters.Facets.Select(f => f.Column == "tag"
            ? $"SELECT '{f.Facet}' AS facet, t AS value, count(*) AS n FROM matches, unnest(tags) AS t GROUP BY t"
            : $"SELECT '{f.Facet}' AS facet, {f.Column} AS value, count(*) AS n FROM matches WHERE {f.Column} IS NOT NULL GROUP BY {f.Column}"));

        return $"""
            WITH matches AS MATERIALIZED (
                SELECT d.doc_key, d.static_rank, d.kind, d.entity_type, d.lifecycle, d.owner, d.tags, {titleHit} AS title_hit
                FROM search_documents d
                WHERE {where}
                LIMIT @cap),
            preordered AS (
                SELECT doc_key, title_hit, row_number() OVER (ORDER BY title_hit DESC, static_rank DESC, doc_key COLLATE "C") AS pre_pos
                FROM (SELECT doc_key, title_hit, static_rank FROM matches
                      ORDER BY title_hit DESC, static_rank DESC, doc_key COLLATE "C"
                      LIMIT greatest(@window, @offset + @limit + 1)) top),
            ranked AS (
                SELECT p.doc_key, p.pre_pos, CASE WHEN p.pre_pos <= @window THEN {rank} END AS rank
                FROM preordered p
                JOIN search_documents d ON d.index_generation = {Live} AND d.doc_key = p.doc_key),
            page AS (
                SELECT doc_key, rank, pre_pos FROM ranked
                ORDER BY pre_pos > @window, rank DESC NULLS LAST, pre_pos
                LIMIT @limit + 1 OFFSET @offset),
            facet_counts AS ({facetUnion}),
            top_facets AS (
                SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value COLLATE "C") AS position FROM facet_counts)
            SELECT
                (SELECT count(*)::int FROM matches),
                (SELECT coalesce(jsonb_object_agg(facet, vals), jsonb_build_object())::text FROM (
                    SELECT facet, jsonb_agg(jsonb_build_object('value', value, 'count', n) ORDER BY n DESC, value COLLATE "C") AS vals
                    FROM top_facets WHERE position <= 20 GROUP BY facet) f),
                (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'type', h.type, 'document', h.document, 'titleHighlight', h.title_hl, 'textHighlight', h.text_hl)
                        ORDER BY h.pre_pos > @window, h.rank DESC NULLS LAST, h.pre_pos), '[]')::text
                 FROM (SELECT p.pre_pos, p.rank, d.type,
                              jsonb_strip_nulls(d.document || jsonb_build_object(
                                  'title', d.title, 'text', left(d.text, @textLength), 'location', d.location,
                                  'entityRef', d.entity_ref, 'kind', d.kind, 'namespace', d.namespace, 'name', d.name,
                                  'lifecycle', d.lifecycle, 'owner', d.owner, 'tags', d.tags)) AS document,
                              {highlight}
                       FROM page p JOIN search_documents d ON d.index_generation = {Live} AND d.doc_key = p.doc_key) h)
            """;
    }

    private static Dictionary<string, string> Highlights(ResultRow row)
    {
        var fields = new Dictionary<string, string>();
        if (row.TitleHighlight?.Contains(Highlighting.PreTag, StringComparison.Ordinal) == true)
        {
            fields["title"] = row.TitleHighlight;
        }

        if (row.TextHighlight?.Contains(Highlighting.PreTag, StringComparison.Ordinal) == true)
        {
            fields["text"] = row.TextHighlight;
        }

        return fields;
    }

    private static void AddTextParameters(NpgsqlCommand command, TextQuery text)
    {
        command.Parameters.AddWithValue("term", text.Term);
        command.Parameters.AddWithValue("head", text.Head ?? "");
        command.Parameters.AddWithValue("prefix", text.PrefixQuery ?? "");
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ResultRow(string Type, JsonElement Document, string? TitleHighlight, string? TextHighlight);
}
