using System.Globalization;

namespace Portal.AppHost.Startup;

/// <summary>
/// The environment a service gets on top of the AppHost's own (which children inherit, so <c>Catalog__X=…</c> given
/// to the AppHost configures the catalog): Aspire's conventions for URLs, connection strings, service discovery and
/// OpenTelemetry. A null value removes an inherited variable.
/// </summary>
public static class ServiceEnvironment
{
    public static IReadOnlyDictionary<string, string?> For(
        ServiceDefinition service,
        IReadOnlyList<ServiceDefinition> services,
        ServerConnections servers,
        IReadOnlyDictionary<string, string?> appHostEnvironment,
        string? otlpEndpoint = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(appHostEnvironment);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = service.Url,
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["ASPNETCORE_CONTENTROOT"] = service.ProjectDirectory,
            ["OTEL_SERVICE_NAME"] = service.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture),
        };

        if (!IsSet(appHostEnvironment, "ASPNETCORE_ENVIRONMENT") && !IsSet(appHostEnvironment, "DOTNET_ENVIRONMENT"))
        {
            environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        }

        if (!string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        }

        if (service.Database is { } database)
        {
            environment[$"ConnectionStrings__{database}"] = servers.Database(database);
        }

        if (service.Messaging)
        {
            environment["ConnectionStrings__messaging"] = servers.MessagingUri;
        }

        foreach (var reference in service.References)
        {
            var target = services.First(s => string.Equals(s.Name, reference, StringComparison.OrdinalIgnoreCase));
            environment[$"services__{target.Name}__http__0"] = target.Url;
        }

        foreach (var (name, value) in service.ExtraEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static bool IsSet(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value);
}
