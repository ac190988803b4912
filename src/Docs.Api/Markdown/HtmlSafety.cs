using Ganss.Xss;

namespace Docs.Api.Markdown;

/// <summary>
/// Makes rendered Markdown safe to serve: HtmlSanitizer's allow-list (no script, style element, iframe, object, form,
/// event-handler attribute or <c>javascript:</c>/<c>data:</c> URL survives), plus the <c>id</c> and <c>class</c>
/// attributes the anchors, code languages and admonitions need. Relative URLs left in raw HTML are rewritten like
/// Markdown links.
/// </summary>
public static class HtmlSafety
{
    /// <summary>The URL rewriter of the page being sanitized on this thread (Sanitize runs synchronously).</summary>
    [ThreadStatic]
    private static Func<string, string>? _rewriteUrl;

    // One configured sanitizer for every page (its configuration is read-only after this; creating one per page costs
    // more than sanitizing a typical page). The per-page URL rewriting goes through the thread-static above.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Sanitizes a fragment; <paramref name="rewriteUrl"/> gets every relative URL still in it and returns its replacement.</summary>
    public static string Sanitize(string html, Func<string, string>? rewriteUrl = null)
    {
        _rewriteUrl = rewriteUrl;
        try
        {
            return Sanitizer.Sanitize(html);
        }
        finally
        {
            _rewriteUrl = null;
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(CreateOptions());
        sanitizer.FilterUrl += (_, e) =>
        {
            if (_rewriteUrl is { } rewrite && e.SanitizedUrl is { Length: > 0 } url && IsRelative(url))
            {
                e.SanitizedUrl = rewrite(url);
            }
        };
        return sanitizer;
    }

    private static bool IsRelative(string url) =>
        !url.StartsWith('#') && !url.StartsWith('/') && !url.Contains(':', StringComparison.Ordinal);

    private static HtmlSanitizerOptions CreateOptions()
    {
        var defaults = new HtmlSanitizer();
        var tags = new HashSet<string>(defaults.AllowedTags, StringComparer.OrdinalIgnoreCase) { "details", "summary" };
        foreach (var risky in new[] { "form", "button", "select", "option", "textarea", "iframe", "frame", "object", "embed", "style", "script", "base", "meta", "link" })
        {
            tags.Remove(risky);
        }

        var attributes = new HashSet<string>(defaults.AllowedAttributes, StringComparer.OrdinalIgnoreCase) { "id", "class", "open" };
        return new HtmlSanitizerOptions
        {
            AllowedTags = tags,
            AllowedAttributes = attributes,
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(defaults.UriAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(defaults.AllowedCssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(defaults.AllowedAtRules),
            UriListAttributes = new HashSet<string>(defaults.UriListAttributes, StringComparer.OrdinalIgnoreCase),
        };
    }
}
