namespace Catalog.Api.Reading;

/// <summary>
/// A resolved place to read from: a file under an allowed root, a URL on an allowed host (a plain file, or a file in a
/// git repository served over HTTP), or a file inside a local git repository. <see cref="Key"/> is how Backstage writes
/// it in annotations (<c>file:/abs/path</c>, <c>url:https://…</c>). <see cref="Clones"/> holds the git repositories
/// cloned while one refresh reads a URL location; the refresh disposes it.
/// </summary>
public sealed record LocationTarget(string Type, string Target, string Root, GitClones? Clones = null)
{
    public string Key => $"{Type}:{Target}";
}
