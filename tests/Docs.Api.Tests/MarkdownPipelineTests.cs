using Xunit;

namespace Docs.Api.Tests;

public sealed class MarkdownPipelineTests
{
    [Fact]
    public void Headings_get_stable_anchors_and_become_sections()
    {
        var (page, _) = SiteFixtures.Render("# Orders service\n\n## How an order flows\n\ntext\n\n## How an order flows\n\n### Step 1: reserve\n");

        Assert.Equal("Orders service", page.Title);
        Assert.Contains("id=\"how-an-order-flows\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"how-an-order-flows-1\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(["orders-service", "how-an-order-flows", "how-an-order-flows-1", "step-1-reserve"], page.Headings.Select(h => h.Anchor));
        Assert.Equal(3, page.Headings[3].Level);

        var (again, _) = SiteFixtures.Render("# Orders service\n\n## How an order flows\n\ntext\n\n## How an order flows\n\n### Step 1: reserve\n");
        Assert.Equal(page.Html, again.Html);
    }

    [Fact]
    public void Admonitions_render_as_titled_boxes_with_markdown_inside()
    {
        var (page, _) = SiteFixtures.Render("!!! note\n    Orders are idempotent by the `Idempotency-Key` header.\n\n!!! warning \"Mind the gap\"\n    - one\n    - two\n\nAfter.\n");

        Assert.Contains("<div class=\"admonition note\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"admonition-title\">Note</p>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<code>Idempotency-Key</code>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"admonition-title\">Mind the gap</p>", page.Html, StringComparison.Ordinal);
        Assert.Matches("<div class=\"admonition warning\">\\s*<p class=\"admonition-title\">Mind the gap</p>\\s*<ul>", page.Html);
        Assert.Matches("</div>\\s*<p>After.</p>", page.Html);
    }

    [Fact]
    public void Collapsible_admonitions_become_details()
    {
        var (page, _) = SiteFixtures.Render("??? tip \"Open me\"\n    Hidden.\n\n???+ info\n    Shown.\n");

        Assert.Contains("<details class=\"admonition tip\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<summary>Open me</summary>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"admonition info\" open", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Admonition_syntax_inside_code_stays_code()
    {
        var (page, _) = SiteFixtures.Render("```markdown\n!!! note\n    not an admonition\n```\n");

        Assert.DoesNotContain("class=\"admonition", page.Html, StringComparison.Ordinal);
        Assert.Contains("!!! note", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_task_lists_footnotes_and_code_languages_render()
    {
        var (page, _) = SiteFixtures.Render("""
            | Symptom | Check |
            |---|---|
            | stuck | payments |

            - [x] done
            - [ ] todo

            Claim[^1].

            [^1]: The source.

            ```csharp
            var x = 1;
            ```

            ```mermaid
            graph LR; A-->B;
            ```

            ```plantuml
            @startuml
            A -> B
            @enduml
            ```
            """);

        Assert.Contains("<table>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>payments</td>", page.Html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("checked", page.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"footnote-ref\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"language-csharp\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"language-mermaid\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("graph LR; A--&gt;B;", page.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"language-plantuml\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("@startuml", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_links_and_images_point_to_served_urls()
    {
        var pages = new Dictionary<string, string> { ["guide/setup.md"] = "# Setup", ["guide/index.md"] = "# Guide" };
        var assets = new Dictionary<string, byte[]> { ["img/logo.png"] = [1, 2, 3] };
        var (page, warnings) = SiteFixtures.Render(
            "[setup](guide/setup.md#install) [guide](guide/) [home](#top) [ext](https://example.com/x) ![logo](img/logo.png) <img src=\"img/logo.png\">",
            otherPages: pages, assets: assets);

        Assert.Empty(warnings);
        Assert.Contains($"href=\"{SiteFixtures.BaseUrl}guide/setup/#install\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{SiteFixtures.BaseUrl}guide/\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"#top\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/x\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(page.Html, $"src=\"{SiteFixtures.BaseUrl}img/logo.png\""));
    }

    [Fact]
    public void Links_from_nested_pages_resolve_against_their_folder()
    {
        var pages = new Dictionary<string, string> { ["index.md"] = "# Home", ["guide/other.md"] = "# Other" };
        var (page, warnings) = SiteFixtures.Render("[home](../index.md) [other](other.md)", page: "guide/setup.md", otherPages: pages);

        Assert.Empty(warnings);
        Assert.Contains($"href=\"{SiteFixtures.BaseUrl}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{SiteFixtures.BaseUrl}guide/other/\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_internal_links_are_warnings_with_their_line()
    {
        var (_, warnings) = SiteFixtures.Render("# Title\n\nSee [missing](missing.md) and ![gone](img/gone.png).\n");

        Assert.Equal(2, warnings.Count);
        Assert.Contains("'docs/index.md' line 3: link 'missing.md'", warnings[0], StringComparison.Ordinal);
        Assert.Contains("image 'img/gone.png'", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Links_leaving_the_docs_folder_fail_the_build()
    {
        var failure = Assert.Throws<Sources.DocsBuildException>(() => SiteFixtures.Render("# T\n\n[secret](../../etc/passwd)\n"));
        Assert.Contains("line 3: link '../../etc/passwd' leaves the docs folder", failure.Message, StringComparison.Ordinal);

        var html = Assert.Throws<Sources.DocsBuildException>(() => SiteFixtures.Render("<img src=\"../../../etc/shadow\">"));
        Assert.Contains("leaves the docs folder", html.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=\"x.png\" onerror=\"alert(1)\">")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg onload=\"alert(1)\"><circle r=\"1\"/></svg>")]
    [InlineData("<div onclick=\"alert(1)\" onmouseover=\"alert(1)\">x</div>")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"q\"><button>go</button></form>")]
    [InlineData("<style>body{background:url(javascript:alert(1))}</style>")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<details open ontoggle=\"alert(1)\"><summary>x</summary></details>")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>")]
    [InlineData("```\n</code></pre><script>alert(1)</script>\n```")]
    public void Xss_probes_come_out_inert(string probe)
    {
        var (page, _) = SiteFixtures.Render("# Probe\n\n" + probe + "\n\nafter\n");

        var html = page.Html.ToLowerInvariant();
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<object", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<embed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:text/html", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<[^>]+\\son[a-z]+\\s*=", html);
        Assert.Contains("<p>after</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_keeps_words_and_code_but_not_markup()
    {
        var (page, _) = SiteFixtures.Render("# Title\n\nSome **bold** and `code`.\n\n<div class=\"x\">raw html</div>\n\n```sh\ndotnet run\n```\n");

        Assert.Contains("Some bold and code.", page.Text, StringComparison.Ordinal);
        Assert.Contains("dotnet run", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", page.Text, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
