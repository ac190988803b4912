using System.Text;
using System.Text.RegularExpressions;

namespace Scaffolder.Api.Actions;

/// <summary>Glob patterns as Backstage's actions take them (globby with dot files): <c>**</c>, <c>*</c>, <c>?</c>, <c>{a,b}</c>.</summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex("^" + Translate(pattern.TrimStart('.', '/').Length == 0 ? pattern : Normalize(pattern)) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(Normalize(path));

    public static bool Any(IEnumerable<Glob> globs, string path) => globs.Any(g => g.IsMatch(path));

    private static string Normalize(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path.TrimStart('/');

    private static string Translate(string pattern)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    builder.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                    break;
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '{':
                    builder.Append("(?:");
                    break;
                case '}':
                    builder.Append(')');
                    break;
                case ',':
                    builder.Append('|');
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return builder.ToString();
    }
}
