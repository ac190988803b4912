namespace Catalog.Api.Reading;

/// <summary>
/// A resolved place to read from: a file under an allowed root, a URL on an allowed host, or a file inside a git
/// repository. <see cref="Key"/> is how Backstage writes it in annotations (<c>file:/abs/path</c>, <c>url:https://…</c>).
/// </summary>
public sealed record LocationTarget(string Type, string Target, string Root)
{
    public string Key => $"{Type}:{Target}";
}
