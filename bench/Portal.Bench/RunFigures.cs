using System.Text.Json.Serialization;

namespace Portal.Bench;

/// <summary>
/// What every benchmark adds about the run itself: AppHost process start → the front door's /health answers 200
/// (null for a portal given with <c>--url</c>), and the resident memory, when the benchmark's figures were taken, of
/// every process of the run, of Portal's own (services, PostgreSQL, RabbitMQ) and of Aspire's (the rest).
/// </summary>
public sealed record RunFigures(
    [property: JsonPropertyName("apphost_start_to_ready_s")] double? AppHostStartToReadyS,
    double RunRssMb,
    double PortalRssMb,
    double AspireRssMb);
