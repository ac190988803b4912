namespace Scaffolder.Api.Actions;

/// <summary>Bound to <c>Scaffolder:Publish</c>: where <c>publish:git</c> creates repositories and what it may push to.</summary>
public sealed class PublishOptions
{
    public const string SectionName = "Scaffolder:Publish";

    /// <summary>The folder new bare repositories are created in (the catalog must be allowed to read it).</summary>
    public string Root { get; set; } = Path.Combine(Path.GetTempPath(), "portal-scaffolder", "repositories");

    /// <summary>The host name in <c>repoUrl</c> (<c>local?owner=x&amp;repo=y</c> or <c>local/y</c>) that means "a new repository under <see cref="Root"/>".</summary>
    public string LocalHost { get; set; } = "local";

    /// <summary>Hosts an existing remote may be pushed to over http(s) (<c>remoteUrl</c> input).</summary>
    public List<string> AllowedRemoteHosts { get; set; } = [];

    public string DefaultAuthorName { get; set; } = "Portal Scaffolder";

    public string DefaultAuthorEmail { get; set; } = "scaffolder@portal.local";
}
