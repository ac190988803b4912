namespace Portal.AppHost.Configuration;

/// <summary>One service under <c>AppHost:Services:&lt;name&gt;</c>.</summary>
public sealed class ServiceOptions
{
    /// <summary>The project folder, relative to the repository root or absolute. Its build output is started.</summary>
    public string Project { get; set; } = "";

    /// <summary>The assembly to start; empty for the project folder's name.</summary>
    public string AssemblyName { get; set; } = "";

    /// <summary>The HTTP port on 127.0.0.1. Not used for the front door, which listens on <c>AppHost:FrontDoorPort</c>.</summary>
    public int Port { get; set; }

    /// <summary>Start order: each service starts once the one before it answers its health path.</summary>
    public int Order { get; set; }

    public bool FrontDoor { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The service's own database: created, then given as <c>ConnectionStrings__&lt;Database&gt;</c>.</summary>
    public string? Database { get; set; }

    /// <summary>Give the service <c>ConnectionStrings__messaging</c>.</summary>
    public bool Messaging { get; set; } = true;

    /// <summary>Services this one calls, given as <c>services__&lt;name&gt;__http__0</c> (Aspire's service discovery form).</summary>
    public List<string> References { get; set; } = [];

    /// <summary>Answers 200 when the service is ready; empty for a service without a health check (it counts as Running).</summary>
    public string HealthPath { get; set; } = "/health";

    /// <summary>Extra environment variables for this service only.</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);
}
