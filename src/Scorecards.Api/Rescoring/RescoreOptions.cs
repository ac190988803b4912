namespace Scorecards.Api.Rescoring;

/// <summary>Settings of <c>Scorecards:Rescore</c>.</summary>
public sealed class RescoreOptions
{
    public const string SectionName = "Scorecards:Rescore";

    /// <summary>How often each replica looks for a rescore to claim (a change on this replica wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Entities scored per transaction.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>How long a claim lasts without progress before another replica takes the rescore over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each replica rescores the entities whose <c>docsBuiltWithinDays</c> check has expired since it was scored.</summary>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(5);
}
