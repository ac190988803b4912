using System.Diagnostics.Metrics;

namespace Scorecards.Api.Services;

/// <summary>The service's metrics: entities scored and results that changed.</summary>
public static class ScorecardsTelemetry
{
    public const string MeterName = "Portal.Scorecards";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> ScoredEntities = Meter.CreateCounter<long>("portal.scorecards.entities.scored", "{entity}", "Entities scored (live and by rescores)");
    private static readonly Counter<long> ChangedScores = Meter.CreateCounter<long>("portal.scorecards.scores.changed", "{score}", "Scores whose level or failed checks changed");

    public static void Scored(int entities, int changed)
    {
        ScoredEntities.Add(entities);
        ChangedScores.Add(changed);
    }
}
