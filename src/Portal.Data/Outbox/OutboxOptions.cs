namespace Portal.Data.Outbox;

/// <summary>Bound to the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Rows taken per round.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How many partitions publish at once; events of one partition are always published one after another.</summary>
    public int MaxParallelPartitions { get; set; } = 32;

    /// <summary>How often to look for work when no notification arrived (another replica may hold the lead).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between attempts while the broker refuses events, and so the longest time events keep waiting
    /// after the broker is back (it was 10 s: the broker drill's catch-up, docs/reliability.md).
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many events of one trace (one registration, one refresh) are published as recorded spans; the rest continue
    /// the trace unsampled (<see cref="OutboxTraceBudget"/>). Negative: every event.
    /// </summary>
    public int RecordedEventsPerTrace { get; set; } = 100;

    /// <summary>How long one publish may take before it counts as failed and is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
