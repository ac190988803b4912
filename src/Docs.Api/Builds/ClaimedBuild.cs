namespace Docs.Api.Builds;

/// <summary>A build this replica claimed and now runs; <see cref="TraceParent"/> is the trace of what queued it.</summary>
public sealed record ClaimedBuild(Guid Id, string EntityKey, bool Force, string? Trigger, string? TraceParent);
