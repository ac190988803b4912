using System.Text.Json.Nodes;
using System.Web;

namespace Scaffolder.Api.Templating;

/// <summary>
/// Backstage's repository location as the RepoUrlPicker writes it: <c>host?owner=o&amp;repo=r</c> (plus
/// <c>organization</c>, <c>workspace</c>, <c>project</c> for some hosts). Portal also reads <c>host/path/name</c>.
/// </summary>
public sealed record RepoUrl(string Host, string? Owner, string Repo, string? Organization, string? Workspace, string? Project)
{
    public static RepoUrl Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TemplateException("repoUrl is empty: expected host?owner=x&repo=y");
        }

        var question = text.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == text.Length - 1)
            {
                throw new TemplateException($"repoUrl '{text}' is not valid: expected host?owner=x&repo=y");
            }

            var path = text[(slash + 1)..].Trim('/');
            var last = path.LastIndexOf('/');
            return new RepoUrl(text[..slash], last < 0 ? null : path[..last], path[(last + 1)..], null, null, null);
        }

        var host = text[..question];
        var query = HttpUtility.ParseQueryString(text[(question + 1)..]);
        var repo = query["repo"];
        if (host.Length == 0 || string.IsNullOrEmpty(repo))
        {
            throw new TemplateException($"repoUrl '{text}' is not valid: it needs a host and a repo (host?owner=x&repo=y)");
        }

        return new RepoUrl(host, NullIfEmpty(query["owner"]), repo, NullIfEmpty(query["organization"]),
            NullIfEmpty(query["workspace"]), NullIfEmpty(query["project"]));
    }

    /// <summary><c>owner/repo</c>, as the <c>projectSlug</c> filter returns it.</summary>
    public string Slug => Owner is null ? Repo : $"{Owner}/{Repo}";

    public JsonObject ToJson()
    {
        var result = new JsonObject { ["host"] = Host };
        Add(result, "owner", Owner);
        result["repo"] = Repo;
        Add(result, "organization", Organization);
        Add(result, "workspace", Workspace);
        Add(result, "project", Project);
        return result;
    }

    private static void Add(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
