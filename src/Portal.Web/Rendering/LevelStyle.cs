namespace Portal.Web.Rendering;

/// <summary>
/// How a scorecard level looks: its label and its colour. Levels named after metals get the metal's colour; other
/// levels a blue scale by their place (lowest lightest). The colours are ours, never taken from the service's answer.
/// </summary>
public static class LevelStyle
{
    public const string NoLevelColor = "#CDD3DA";

    private static readonly Dictionary<string, string> Metals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bronze"] = "#B87333",
        ["silver"] = "#8C99A6",
        ["gold"] = "#D4A017",
        ["platinum"] = "#4F8FA8",
        ["diamond"] = "#5B6FD6",
    };

    private static readonly string[] Scale = ["#9CC3E6", "#5B9BD5", "#2E75B6", "#1F4E79", "#2E7D32"];

    /// <summary>The level's name, or "No level" for entities below the lowest level (index 0).</summary>
    public static string Label(string? level) => string.IsNullOrEmpty(level) ? "No level" : level;

    public static string Color(string? level, int levelIndex) =>
        levelIndex <= 0 || string.IsNullOrEmpty(level) ? NoLevelColor
        : Metals.TryGetValue(level, out var metal) ? metal
        : Scale[(levelIndex - 1) % Scale.Length];

    /// <summary>A share as a whole percentage, <c>0.625</c> → <c>63%</c>.</summary>
    public static string Percent(double share) =>
        Math.Round(Math.Clamp(share, 0, 1) * 100, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
