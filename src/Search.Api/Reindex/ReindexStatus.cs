namespace Search.Api.Reindex;

/// <summary>What <c>GET /api/search/reindex</c> reports: the live generation, a rebuild in progress, the last failure.</summary>
public sealed record ReindexStatus(LiveGeneration? Live, GenerationProgress? Building, GenerationProgress? LastFailed);

public sealed record LiveGeneration(
    int Generation, string Reason, DateTimeOffset? CompletedAt, long Documents, IReadOnlyDictionary<string, long> DocumentsByType, string? DocsStatus);

public sealed record GenerationProgress(
    int Generation,
    string State,
    string Reason,
    string? ClaimedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    DateTimeOffset? CompletedAt,
    int EntitiesRead,
    int DocsSitesRead,
    string? DocsStatus,
    string? Error);
