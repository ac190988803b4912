namespace Portal.Web.Model;

/// <summary>Where the scorecard pages are, from the refs the scorecards service answers with (<c>scorecard:default/production-readiness</c>).</summary>
public static class ScorecardLinks
{
    public const string Index = "/scorecards";

    public static string Scorecard(string @namespace, string name) =>
        $"{Index}/{Uri.EscapeDataString(@namespace)}/{Uri.EscapeDataString(name)}";

    /// <summary>The scorecard's page, or the scorecards index when the ref cannot be read.</summary>
    public static string Scorecard(string? scorecardRef) =>
        EntityRef.TryParse(scorecardRef, "scorecard") is { } parsed ? Scorecard(parsed.Namespace, parsed.Name) : Index;

    public static string Initiative(string @namespace, string scorecard, string initiative) =>
        $"{Index}/initiatives/{Uri.EscapeDataString(@namespace)}/{Uri.EscapeDataString(scorecard)}/{Uri.EscapeDataString(initiative)}";

    public static string Initiative(string? scorecardRef, string initiative) =>
        EntityRef.TryParse(scorecardRef, "scorecard") is { } parsed ? Initiative(parsed.Namespace, parsed.Name, initiative) : Index;
}
