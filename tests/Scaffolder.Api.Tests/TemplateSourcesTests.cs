using Microsoft.Extensions.Options;
using Scaffolder.Api.Sources;
using Xunit;

namespace Scaffolder.Api.Tests;

public sealed class TemplateSourcesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("portal-template-sources-test-").FullName;

    [Fact]
    public void A_template_outside_the_allowed_roots_is_named_with_the_setting_that_allows_it_and_no_configured_root()
    {
        var sources = new TemplateSources(new NoHttp(), new StaticOptions(new SourcesOptions { AllowedRoots = [_root] }));

        var failure = Assert.Throws<SourceException>(() => sources.Open("file:/srv/elsewhere/template.yaml"));

        Assert.Equal(
            "the template's location '/srv/elsewhere/template.yaml' is not under an allowed root: an operator can allow it by adding a folder that holds it to Scaffolder:Sources:AllowedRoots",
            failure.Message);
        Assert.DoesNotContain(_root, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A client that is never sent anything: the refused path is checked before any read.</summary>
    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private sealed class StaticOptions(SourcesOptions value) : IOptionsMonitor<SourcesOptions>
    {
        public SourcesOptions CurrentValue => value;

        public SourcesOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SourcesOptions, string?> listener) => null;
    }
}
