using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Rendering;

/// <summary>SVG &lt;text&gt; elements, which Razor cannot write literally (it reserves the tag); the content is encoded.</summary>
public static class GraphText
{
    public static MarkupString Of(int x, int y, string cssClass, string content, string anchor = "middle") =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"<text x=\"{x}\" y=\"{y}\" class=\"{cssClass}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(content)}</text>"));
}
