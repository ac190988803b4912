namespace Portal.ServiceDefaults.BackgroundLoops;

/// <summary>
/// One loop's setting, bound to <c>BackgroundLoops:&lt;loop name&gt;</c> (e.g. <c>BackgroundLoops:outbox-dispatcher:ExpectedInterval</c>).
/// </summary>
public sealed class BackgroundLoopOptions
{
    public const string SectionName = "BackgroundLoops";

    /// <summary>
    /// The longest a loop may go without a successful round before readiness turns unhealthy, and without any report at
    /// all (it hangs) before liveness does. Unset: the loop's own default (two minutes for loops that poll every few seconds).
    /// </summary>
    public TimeSpan? ExpectedInterval { get; set; }
}
