namespace Scaffolder.Api.Tasks;

/// <summary>Bound to <c>Scaffolder:Tasks</c>: how workers claim and run tasks.</summary>
public sealed class TaskOptions
{
    public const string SectionName = "Scaffolder:Tasks";

    /// <summary>How many tasks one replica runs at once (0 turns the worker off).</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>How long a claim holds without a heartbeat; after that the task is failed cleanly by any replica.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running task renews its lease and looks for a cancel request.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often idle workers look for work when no notification arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Where task workspaces are created; each is removed when its task ends.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "portal-scaffolder", "work");
}
