namespace Docs.Api.Builds;

/// <summary>A build this replica claimed and now runs.</summary>
public sealed record ClaimedBuild(Guid Id, string EntityKey, bool Force, string? Trigger);
