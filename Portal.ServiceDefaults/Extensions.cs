using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Portal.ServiceDefaults.Authentication;
using Portal.ServiceDefaults.BackgroundLoops;
using Portal.ServiceDefaults.BadRequests;
using Portal.ServiceDefaults.Startup;

namespace Portal.ServiceDefaults;

/// <summary>
/// What every Portal service shares: telemetry, health, service discovery, resilient HTTP clients,
/// problem details and an OpenAPI document. Messaging is opt-in through <see cref="MessagingExtensions"/>.
/// </summary>
public static class Extensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();
        builder.AddRequestSizeLimits();
        builder.AddBadRequestHandling();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddStartupGate();
        builder.Services.AddOpenApi();
        builder.AddInlineRequestScheduling();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddBackgroundLoopHealth();
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (ready: every registered check, the database, the broker and the background loops among them),
    /// <c>/alive</c> (the process answers and no background loop is dead or hung), both anonymous, and <c>/openapi/v1.json</c>; turns unhandled errors into
    /// problem details and bad input into 4xx problem details (see <see cref="BadRequestHandling"/>); and, in a service
    /// that called <see cref="AuthenticationExtensions.AddPortalAuthentication{TBuilder}"/>, verifies every caller first.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePortalAuthentication();
        app.UseStartupGate();
        app.UseRequestSizeLimits();
        app.UseBadInputGuard();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapOpenApi();
        return app;
    }
}
