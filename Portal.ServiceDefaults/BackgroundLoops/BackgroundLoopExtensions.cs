using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portal.ServiceDefaults.BackgroundLoops;

public static class BackgroundLoopExtensions
{
    /// <summary>
    /// Registers the <see cref="BackgroundLoopMonitor"/> and its two health checks once, however often it is called
    /// (by the service defaults and by every library that adds a <see cref="BackgroundLoop"/>).
    /// </summary>
    public static IServiceCollection AddBackgroundLoopHealth(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(BackgroundLoopMonitor)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackgroundLoopMonitor>();
        services.AddSingleton<IConfigureOptions<BackgroundLoopOptions>, BindLoopOptions>();
        services.AddHealthChecks()
            .AddCheck<BackgroundLoopHealthChecks.Ready>(BackgroundLoopHealthChecks.ReadyName, tags: [Extensions.ReadyTag])
            .AddCheck<BackgroundLoopHealthChecks.Live>(BackgroundLoopHealthChecks.LiveName, tags: [Extensions.LiveTag]);
        return services;
    }

    /// <summary>Binds <c>BackgroundLoops:&lt;name&gt;</c> for whichever loop name is asked for.</summary>
    private sealed class BindLoopOptions(IConfiguration configuration) : IConfigureNamedOptions<BackgroundLoopOptions>
    {
        public void Configure(string? name, BackgroundLoopOptions options) =>
            configuration.GetSection($"{BackgroundLoopOptions.SectionName}:{name}").Bind(options);

        public void Configure(BackgroundLoopOptions options) => Configure(Options.DefaultName, options);
    }
}
