using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.ServiceDefaults.Startup;

public static class StartupExtensions
{
    /// <summary>Adds <typeparamref name="TTask"/> to the work the service finishes before it serves (see <see cref="IStartupTask"/>).</summary>
    public static IServiceCollection AddStartupTask<TTask>(this IServiceCollection services) where TTask : class, IStartupTask
    {
        services.AddSingleton<IStartupTask, TTask>();
        return services;
    }

    /// <summary>Adds a start-up task built by <paramref name="factory"/>.</summary>
    public static IServiceCollection AddStartupTask(this IServiceCollection services, Func<IServiceProvider, IStartupTask> factory)
    {
        services.AddSingleton(factory);
        return services;
    }

    internal static void AddStartupGate(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StartupGate>();
        services.AddHostedService<StartupRunner>();
        services.AddHealthChecks().AddCheck<StartupHealthCheck>(StartupHealthCheck.Name, tags: [Extensions.ReadyTag]);
    }

    internal static void UseStartupGate(this WebApplication app) => app.UseMiddleware<StartupGateMiddleware>();
}
