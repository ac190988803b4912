using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Search.Api.Engine;
using Search.Api.Model;

namespace Search.Api.Apis;

/// <summary>
/// Reads Backstage's query string (<c>term</c>, <c>types[0]</c>, <c>filters[kind]</c> or <c>filters[kind][0]</c>,
/// <c>pageLimit</c>, <c>pageCursor</c>) and reports every problem at once, by parameter. Control characters never get
/// here: the service defaults refuse them in every query parameter.
/// </summary>
public static partial class QueryParameters
{
    public const int MaxTermLength = 1_000;
    public const int DefaultPageLimit = 25;
    public const int MaxPageLimit = 100;
    private const int MaxFilterValues = 50;
    private const int MaxValueLength = 300;

    public static bool TryParse(IQueryCollection query, out SearchQuery parsed, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var term = query["term"].ToString();
        if (term.Length > MaxTermLength)
        {
            errors["term"] = [$"The term is {term.Length} characters long; at most {MaxTermLength} are searched."];
        }

        var types = new List<string>();
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in query)
        {
            if (key == "types" || TypesKey().IsMatch(key))
            {
                foreach (var type in values.Where(v => !string.IsNullOrWhiteSpace(v)))
                {
                    if (DocumentTypes.All.Contains(type))
                    {
                        types.Add(type!);
                    }
                    else
                    {
                        errors[key] = [$"Unknown document type '{Shorten(type!)}'; known: {string.Join(", ", DocumentTypes.All)}."];
                    }
                }
            }
            else if (FiltersKey().Match(key) is { Success: true } match)
            {
                var field = match.Groups[1].Value;
                if (!SearchFilters.IsKnown(field))
                {
                    errors[key] = [$"Unknown filter '{Shorten(field)}'; known: {string.Join(", ", SearchFilters.Fields)}."];
                    continue;
                }

                var accepted = values.Select(v => v ?? "").Where(v => v.Length > 0).ToList();
                if (accepted.Any(v => v.Length > MaxValueLength) || accepted.Count > MaxFilterValues)
                {
                    errors[key] = [$"At most {MaxFilterValues} values of at most {MaxValueLength} characters each."];
                    continue;
                }

                var canonical = SearchFilters.Canonical(field);
                filters[canonical] = [.. filters.GetValueOrDefault(canonical) ?? [], .. accepted];
            }
        }

        var limit = DefaultPageLimit;
        if (query.TryGetValue("pageLimit", out var limitText) && !string.IsNullOrEmpty(limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageLimit))
        {
            errors["pageLimit"] = [$"pageLimit must be a whole number from 1 to {MaxPageLimit}."];
        }

        var page = 0;
        if (query.TryGetValue("pageCursor", out var cursor) && !string.IsNullOrEmpty(cursor) && !TryDecodeCursor(cursor!, out page))
        {
            errors["pageCursor"] = ["pageCursor is not valid: pass back a nextPageCursor or previousPageCursor exactly as received."];
        }

        parsed = new SearchQuery(term, types.Distinct().ToList(), filters.Where(f => f.Value.Count > 0).ToDictionary(), page * limit, limit);
        return errors.Count == 0;
    }

    /// <summary>Backstage's page cursor: the page number, base64-encoded.</summary>
    public static string EncodeCursor(int page) => Convert.ToBase64String(Encoding.UTF8.GetBytes(page.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecodeCursor(string cursor, out int page)
    {
        page = 0;
        var bytes = new byte[cursor.Length];
        return cursor.Length <= 16
               && Convert.TryFromBase64String(cursor, bytes, out var written)
               && int.TryParse(Encoding.UTF8.GetString(bytes, 0, written), NumberStyles.None, CultureInfo.InvariantCulture, out page)
               && page < 1_000_000;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex(@"^types\[\d*\]$")]
    private static partial Regex TypesKey();

    [GeneratedRegex(@"^filters\[([^\]]{1,64})\](?:\[\d*\])?$")]
    private static partial Regex FiltersKey();
}
