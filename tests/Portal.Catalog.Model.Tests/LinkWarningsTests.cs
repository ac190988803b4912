using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class LinkWarningsTests
{
    [Fact]
    public void Unsafe_link_urls_and_url_annotations_are_warnings_with_their_lines()
    {
        var document = Yaml.Document(Yaml.Component("""
            annotations: {backstage.io/view-url: "data:text/html,<b>x</b>", backstage.io/techdocs-ref: "dir:.", example.com/note: "javascript:is-just-text-here"}
            links:
              - {url: "https://example.com/runbook", title: Runbook}
              - {url: "javascript:alert(document.domain)", title: Evil}
            """));

        var warnings = LinkWarnings.Check(document.Entity!, document.Map);

        Assert.Equal(
            [
                "metadata.links[1].url: \"javascript:alert(document.domain)\" is not an http, https or mailto URL; it is shown as text, not as a link (line 8, column 8)",
                "metadata.annotations.backstage.io/view-url: \"data:text/html,<b>x</b>\" is not an http, https or mailto URL; it is shown as text, not as a link (line 5, column 17)",
            ],
            warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void An_unsafe_link_is_a_warning_only_so_the_entity_stays_valid()
    {
        var yaml = Yaml.Component("links: [{url: \"javascript:alert(1)\"}]");

        Assert.Empty(Yaml.Validate(yaml));
        Assert.Single(LinkWarnings.Check(Yaml.Entity(yaml)));
    }

    [Fact]
    public void Safe_links_give_no_warning()
    {
        var entity = Yaml.Entity(Yaml.Component("""
            annotations: {backstage.io/edit-url: "https://git.example.com/edit/main/catalog-info.yaml"}
            links: [{url: "mailto:team-a@example.com"}, {url: "https://example.com"}]
            """));

        Assert.Empty(LinkWarnings.Check(entity));
    }
}
