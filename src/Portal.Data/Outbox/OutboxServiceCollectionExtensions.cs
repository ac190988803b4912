using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.ServiceDefaults.BackgroundLoops;

namespace Portal.Data.Outbox;

public static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.SectionName));
        services.AddBackgroundLoopHealth();
        services.AddSingleton<OutboxWakeUp>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService<OutboxNotificationListener>();
        return services;
    }
}
