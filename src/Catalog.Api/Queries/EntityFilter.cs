using System.Text.Json.Nodes;
using Npgsql;

namespace Catalog.Api.Queries;

/// <summary>
/// Backstage's <c>filter</c> query parameters: within one parameter, comma-separated <c>key=value</c> (several values
/// for one key are alternatives) or bare <c>key</c> (the field exists) conditions are ANDed; several parameters are
/// ORed. Keys and values match case-insensitively. Translated to containment on the GIN-indexed filter document.
/// </summary>
public sealed class EntityFilter
{
    private readonly List<Dictionary<string, List<string>?>> _alternatives;

    private EntityFilter(List<Dictionary<string, List<string>?>> alternatives) => _alternatives = alternatives;

    public static EntityFilter None { get; } = new([]);

    public IReadOnlyList<string> Source { get; private init; } = [];

    /// <summary>
    /// Whether every entity the filter matches has one and the same kind: then ordering by <c>(lower(kind), entity_ref)</c>
    /// is ordering by <c>entity_ref</c>, and the kind index serves a page in order.
    /// </summary>
    public bool IsOneKind => _alternatives is [{ } conditions] && conditions.TryGetValue("kind", out var kinds) && kinds is [_];

    public static bool TryParse(IEnumerable<string?> parameters, out EntityFilter filter, out string? error)
    {
        var alternatives = new List<Dictionary<string, List<string>?>>();
        var source = new List<string>();
        foreach (var parameter in parameters.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            source.Add(parameter!);
            var conditions = new Dictionary<string, List<string>?>(StringComparer.Ordinal);
            foreach (var part in parameter!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var key = (equals < 0 ? part : part[..equals]).Trim().ToLowerInvariant();
                if (key.Length == 0)
                {
                    filter = None;
                    error = $"filter '{parameter}' has a condition without a key";
                    return false;
                }

                if (equals < 0)
                {
                    conditions.TryAdd(key, null);
                    continue;
                }

                var value = part[(equals + 1)..].Trim().ToLowerInvariant();
                if (value.Length == 0)
                {
                    filter = None;
                    error = $"filter '{parameter}' has an empty value for '{key}'";
                    return false;
                }

                if (!conditions.TryGetValue(key, out var values) || values is null)
                {
                    conditions[key] = values = [];
                }

                values.Add(value);
            }

            alternatives.Add(conditions);
        }

        filter = new EntityFilter(alternatives) { Source = source };
        error = null;
        return true;
    }

    /// <summary>Appends the SQL condition (or <c>true</c>) and its parameters.</summary>
    public string ToSql(NpgsqlCommand command, string column = "filter_doc")
    {
        if (_alternatives.Count == 0)
        {
            return "true";
        }

        var ors = new List<string>();
        foreach (var conditions in _alternatives)
        {
            var ands = new List<string>();
            foreach (var (key, values) in conditions)
            {
                if (values is null)
                {
                    ands.Add($"{column} ? {Add(command, key)}");
                    continue;
                }

                if (key == "kind")
                {
                    // The kind column has its own index, ordered by entity_ref, so the common "all Components, first
                    // page" query reads one index range instead of ranking every containment match. Even one kind is
                    // written as ANY: an equality would make lower(kind) a constant to the planner, which then counts
                    // the entity_ref index as ordered too and walks it from the first entity of every other kind
                    // (all the APIs before the first Component) on the belief that the kinds are evenly spread.
                    ands.Add($"lower(kind) = ANY({Add(command, values.ToArray())})");
                    continue;
                }

                var options = values.Select(value =>
                    $"{column} @> {Add(command, new JsonObject { [key] = new JsonArray(value) }.ToJsonString())}::jsonb");
                ands.Add("(" + string.Join(" OR ", options) + ")");
            }

            ors.Add(ands.Count == 0 ? "true" : "(" + string.Join(" AND ", ands) + ")");
        }

        return "(" + string.Join(" OR ", ors) + ")";
    }

    internal static string Add(NpgsqlCommand command, object value)
    {
        var name = "p" + command.Parameters.Count;
        command.Parameters.AddWithValue(name, value);
        return "@" + name;
    }
}
