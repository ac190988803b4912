namespace Search.Api.Model;

/// <summary>
/// One generation of the index. Queries read the single <c>live</c> one; a full rebuild writes a <c>building</c> one
/// (claimed by inserting it: at most one exists) while events keep updating both, then swaps it live.
/// </summary>
public sealed class IndexGeneration
{
    public int Id { get; set; }

    /// <summary>One of <see cref="IndexGenerationStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>Why it was built: <c>initial</c>, <c>requested</c>, <c>empty-at-start</c>.</summary>
    public required string Reason { get; set; }

    /// <summary>The replica building it (host name and process id), for the status and the logs.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Renewed while a rebuild runs; a building generation whose heartbeat is stale lost its replica.</summary>
    public DateTimeOffset HeartbeatAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public int EntitiesRead { get; set; }

    public int DocsSitesRead { get; set; }

    /// <summary>How the docs part of a rebuild went, in words (e.g. the docs service was unreachable).</summary>
    public string? DocsStatus { get; set; }

    public string? Error { get; set; }
}

public static class IndexGenerationStates
{
    public const string Building = "building";
    public const string Live = "live";
    public const string Retired = "retired";
    public const string Failed = "failed";
}
