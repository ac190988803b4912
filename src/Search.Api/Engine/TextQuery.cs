using System.Text.RegularExpressions;

namespace Search.Api.Engine;

/// <summary>
/// The term as a PostgreSQL tsquery: <c>websearch_to_tsquery</c> syntax (quotes, <c>-</c>, <c>or</c>), with the last
/// word matched as a prefix while it is still being typed (<c>paym</c> finds <c>payments</c>).
/// </summary>
public sealed partial record TextQuery(string Term, string? Head, string? PrefixWord)
{
    public bool IsEmpty => Term.Length == 0;

    /// <summary>SQL for the tsquery, over the parameters <c>@term</c>, <c>@head</c> and <c>@prefix</c>.</summary>
    public string Sql(string config) => PrefixWord is null
        ? $"websearch_to_tsquery('{config}', @term)"
        : $"(websearch_to_tsquery('{config}', @head) && to_tsquery('{config}', @prefix))";

    /// <summary>The <c>to_tsquery</c> text of the prefix word: safe, because the word is letters and digits only.</summary>
    public string? PrefixQuery => PrefixWord is null ? null : $"'{PrefixWord}':*";

    public static TextQuery Parse(string term)
    {
        var trimmed = term.Trim();
        if (trimmed.Length == 0 || char.IsWhiteSpace(term[^1]))
        {
            return new TextQuery(trimmed, null, null);
        }

        var split = trimmed.LastIndexOfAny([' ', '\t', '\n', '\r']);
        var head = split < 0 ? "" : trimmed[..split].TrimEnd();
        var last = trimmed[(split + 1)..];
        var insideQuotes = head.Count(c => c == '"') % 2 == 1;
        var afterOr = head.EndsWith(" or", StringComparison.OrdinalIgnoreCase) || head.Equals("or", StringComparison.OrdinalIgnoreCase);
        if (!Word().IsMatch(last) || last.Equals("or", StringComparison.OrdinalIgnoreCase) || insideQuotes || afterOr)
        {
            return new TextQuery(trimmed, null, null);
        }

        return new TextQuery(trimmed, head, last.ToLowerInvariant());
    }

    /// <summary>Only the words of the term, for similarity (typo) matching.</summary>
    public string Words => string.Join(' ', WordPattern().Matches(Term).Select(m => m.Value));

    [GeneratedRegex(@"^[\p{L}\p{N}]{1,64}$")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
