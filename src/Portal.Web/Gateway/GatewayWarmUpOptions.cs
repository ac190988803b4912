namespace Portal.Web.Gateway;

/// <summary>How the front door warms its API gateway before it reports ready (configuration section <c>Gateway:WarmUp</c>).</summary>
public sealed class GatewayWarmUpOptions
{
    public const string Section = "Gateway:WarmUp";

    /// <summary>Requests sent through the gateway; 0 turns the warm-up off.</summary>
    public int Requests { get; set; } = 200;

    /// <summary>
    /// The pause after each request. Requests that arrive on an idle connection take the asynchronous paths of Kestrel,
    /// YARP and <c>HttpClient</c> that real traffic takes; back-to-back requests complete synchronously and leave them cold.
    /// </summary>
    public TimeSpan Gap { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A cheap read every catalog answers; the catalog is the service the front door is called for most.</summary>
    public string Path { get; set; } = "/api/catalog/entities/by-query?limit=1";

    /// <summary>The warm-up never holds readiness back longer than this, whatever the upstream services do.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromSeconds(30);
}
