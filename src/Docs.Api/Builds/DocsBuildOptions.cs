namespace Docs.Api.Builds;

/// <summary>Bound to <c>Docs:Builds</c>.</summary>
public sealed class DocsBuildOptions
{
    public const string SectionName = "Docs:Builds";

    /// <summary>Builds one replica runs at once.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>How long a running build stays claimed without its replica renewing it; then another replica retries it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a replica looks for queued builds when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a build abandoned by crashed replicas is retried before it fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;
}
