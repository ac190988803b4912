namespace Portal.AppHost.Resources;

/// <summary>A resource as <c>GET /api/resources</c> shows it (camelCase JSON).</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string? Health,
    IReadOnlyList<string> Endpoints,
    int Restarts,
    int? Pid,
    string? Message,
    IReadOnlyList<string> LogTail);
