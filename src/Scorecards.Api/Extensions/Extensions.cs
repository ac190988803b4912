using MassTransit;
using Portal.Audit;
using Portal.Data;
using Portal.ServiceDefaults;
using Scorecards.Api.Infrastructure;
using Scorecards.Api.IntegrationEvents.EventHandling;
using Scorecards.Api.Rescoring;
using Scorecards.Api.Services;

namespace Scorecards.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "scorecards";
    public const string DatabaseName = "scorecardsdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, ScorecardsDbContext>(DatabaseName);
        builder.AddPortalAudit(ServiceName);
        builder.AddMessaging(ServiceName, bus =>
        {
            // Entity events come in bulk (a registration of thousands): they are applied up to 200 per transaction.
            bus.AddConsumer<EntityRegisteredConsumer>(consumer => consumer.Options<BatchOptions>(MessagingExtensions.BulkEventBatches));
            bus.AddConsumer<EntityUpdatedConsumer>(consumer => consumer.Options<BatchOptions>(MessagingExtensions.BulkEventBatches));
            bus.AddConsumer<EntityRemovedConsumer>();
            bus.AddConsumer<DocsBuiltConsumer>();
            bus.AddConsumer<DocsBuildFailedConsumer>();
            bus.AddConsumer<TemplateTaskCompletedConsumer>();
        });

        builder.Services.Configure<RescoreOptions>(builder.Configuration.GetSection(RescoreOptions.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EntityStore>();
        builder.Services.AddSingleton<ScorecardStore>();
        builder.Services.AddSingleton<ScoreStore>();
        builder.Services.AddSingleton<ScoringService>();
        builder.Services.AddSingleton<RescoreWakeUp>();
        builder.Services.AddSingleton<RescoreJobs>();
        builder.Services.AddSingleton<ScoreQueries>();
        builder.Services.AddHostedService<RescoreWorker>();
        builder.Services.AddHostedService<ExpiredChecksWorker>();
    }
}
