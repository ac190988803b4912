using System.Text.Json.Nodes;
using Scaffolder.Api.Templating;
using Xunit;

namespace Scaffolder.Api.Tests;

public sealed class TemplateTextTests
{
    private static readonly TemplateScope Scope = TemplateScope.Of(
        ("parameters", JsonNode.Parse("""{"name":"orders","repoUrl":"github.com?owner=lumen&repo=orders","owner":"group:default/team-a","dryRun":false,"count":3,"tags":["a","b"]}""")),
        ("steps", JsonNode.Parse("""{"publish":{"output":{"remoteUrl":"https://x/y.git"}}}""")),
        ("values", JsonNode.Parse("""{"name":"orders","destination":{"owner":"lumen","repo":"orders"},"description":"Orders \"API\""}""")));

    [Theory]
    [InlineData("${{ parameters.name }}-service", "orders-service")]
    [InlineData("${{ steps['publish'].output.remoteUrl }}", "https://x/y.git")]
    [InlineData("${{ steps.publish.output.remoteUrl }}", "https://x/y.git")]
    [InlineData("${{ parameters.repoUrl | projectSlug }}", "lumen/orders")]
    [InlineData("${{ (parameters.repoUrl | parseRepoUrl).host }}", "github.com")]
    [InlineData("${{ (parameters.owner | parseEntityRef).name }}", "team-a")]
    [InlineData("${{ parameters.owner | parseEntityRef | pick('kind') }}", "group")]
    [InlineData("${{ values.name | dump }}", "\"orders\"")]
    [InlineData("${{ values.description | dump }}", "\"Orders \\\"API\\\"\"")]
    [InlineData("${{ parameters.tags | json }}", "[\"a\",\"b\"]")]
    [InlineData("${{ values.destination.owner + \"/\" + values.destination.repo }}", "lumen/orders")]
    [InlineData("${{ parameters.missing if parameters.missing else 'fallback' }}", "fallback")]
    [InlineData("${{ parameters.dryRun !== true }}", "true")]
    [InlineData("${{ parameters.count * 2 }}", "6")]
    [InlineData("${{ parameters.missing | default('none') }}", "none")]
    [InlineData("${{ parameters.name | upper }}", "ORDERS")]
    [InlineData("{% if parameters.count > 2 %}many{% else %}few{% endif %}", "many")]
    [InlineData("{% for t in parameters.tags %}${{ t }}{% if not loop.last %},{% endif %}{% endfor %}", "a,b")]
    [InlineData("run: ${{ '{{' }} github.sha }}", "run: {{ github.sha }}")]
    [InlineData("keeps {{ github.sha }} of other tools", "keeps {{ github.sha }} of other tools")]
    [InlineData("{% raw %}${{ values.name }}{% endraw %}", "${{ values.name }}")]
    [InlineData("a {#- comment -#} b", "ab")]
    public void Renders_the_Backstage_template_dialect(string template, string expected) =>
        Assert.Equal(expected, TemplateText.Render(template, Scope));

    [Fact]
    public void A_lone_expression_keeps_its_type_and_undefined_drops_the_key()
    {
        var input = JsonNode.Parse("""{"destination":"${{ parameters.repoUrl | parseRepoUrl }}","count":"${{ parameters.count }}","gone":"${{ parameters.missing }}","text":"n=${{ parameters.count }}"}""");

        var rendered = (JsonObject)TemplateText.RenderTree(input, Scope)!;

        Assert.Equal("lumen", rendered["destination"]!["owner"]!.GetValue<string>());
        Assert.Equal(3, rendered["count"]!.GetValue<long>());
        Assert.False(rendered.ContainsKey("gone"));
        Assert.Equal("n=3", rendered["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("${{ parameters.name | nosuchfilter }}", "unknown filter 'nosuchfilter'")]
    [InlineData("${{ parameters.name ", "never closed")]
    [InlineData("{% if parameters.name %}x", "never closed")]
    [InlineData("${{ parameters.name.constructor('x') }}", "no method 'constructor'")]
    [InlineData("${{ parameters.name.constructor('x')() }}", "only methods of strings and arrays can be called")]
    public void Bad_templates_fail_with_a_clear_message(string template, string message)
    {
        var exception = Assert.Throws<TemplateException>(() => TemplateText.Render(template, Scope));
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("github.com?owner=o&repo=r", "github.com", "o", "r")]
    [InlineData("local?repo=svc", "local", null, "svc")]
    [InlineData("local/team/svc", "local", "team", "svc")]
    public void Reads_repo_urls(string text, string host, string? owner, string repo)
    {
        var url = RepoUrl.Parse(text);
        Assert.Equal((host, owner, repo), (url.Host, url.Owner, url.Repo));
    }
}
