using Microsoft.Extensions.Options;
using Portal.Sources;

namespace Scaffolder.Api.Sources;

/// <summary>
/// Opens a template's source from its <c>backstage.io/managed-by-location</c>: <c>file:/abs/dir/template.yaml</c>
/// (a folder under an allowed root), <c>file:/abs/repo.git/path/template.yaml</c> (a local git repository, HEAD) or
/// <c>url:https://host/…/template.yaml</c> (an allowed host).
/// </summary>
public sealed class TemplateSources(IHttpClientFactory httpClients, IOptionsMonitor<SourcesOptions> options)
{
    public const string HttpClientName = "scaffolder-sources";
    private const string GitSuffix = ".git";

    public ITemplateSource Open(string? location)
    {
        var settings = options.CurrentValue;
        var http = new HttpSource(httpClients.CreateClient(HttpClientName), settings.AllowedHosts, null, settings.MaxBytes);
        if (string.IsNullOrEmpty(location))
        {
            throw new SourceException("the template has no backstage.io/managed-by-location annotation, so relative urls cannot be resolved");
        }

        if (location.StartsWith("url:", StringComparison.Ordinal))
        {
            var url = new Uri(location[4..]);
            return new HttpSource(httpClients.CreateClient(HttpClientName), settings.AllowedHosts, url, settings.MaxBytes);
        }

        if (!location.StartsWith("file:", StringComparison.Ordinal))
        {
            throw new SourceException($"the template's location '{location}' is neither file: nor url:");
        }

        var path = location[5..];
        var root = PathGuard.FindRoot(settings.AllowedRoots, path)
            ?? throw new SourceException(SourceErrors.NotUnderAllowedRoot("the template's location", path, "Scaffolder:Sources:AllowedRoots"));
        var git = path.IndexOf(GitSuffix + "/", StringComparison.Ordinal);
        if (git >= 0)
        {
            var repository = path[..(git + GitSuffix.Length)];
            var inRepository = Path.GetDirectoryName(path[(git + GitSuffix.Length + 1)..]) ?? "";
            return new GitSource(repository, inRepository, settings.AllowedHosts.Count > 0 ? http : null, settings.MaxBytes);
        }

        return new DirectorySource(root, Path.GetDirectoryName(path)!, settings.AllowedHosts.Count > 0 ? http : null, settings.MaxBytes);
    }

    public static ITemplateSource InMemory(IReadOnlyList<SourceFile> files) => new InMemorySource(files);
}
