using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class SafeLinksTests
{
    [Theory]
    [InlineData("https://grafana.example.com/d/orders")]
    [InlineData("http://localhost:3000/")]
    [InlineData("HTTPS://Example.com/Path?q=1#top")]
    [InlineData("mailto:team-a@example.com")]
    public void Http_https_and_mailto_urls_become_links_unchanged(string url)
    {
        Assert.Equal(url, SafeLinks.Href(url));
    }

    [Theory]
    [InlineData("javascript:alert(document.domain)")]
    [InlineData(" JaVaScRiPt:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("javascript\n:alert(1)")]
    [InlineData("\u0001javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("//evil.example.com/x")]
    [InlineData("/catalog/default/component/x")]
    [InlineData("evil.example.com")]
    [InlineData("https:")]
    [InlineData("https:///no-host")]
    [InlineData("https://example.com/a b")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_shown_as_text(string? url)
    {
        Assert.Null(SafeLinks.Href(url));
        Assert.False(SafeLinks.IsLinkable(url));
    }
}
