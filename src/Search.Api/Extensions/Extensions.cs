using MassTransit;
using Portal.Audit;
using Portal.Data;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;
using Search.Api.Engine;
using Search.Api.Indexing;
using Search.Api.Infrastructure;
using Search.Api.IntegrationEvents.EventHandling;
using Search.Api.Reindex;

namespace Search.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "search";
    public const string DatabaseName = "searchdb";

    /// <summary>Service discovery resolves these through <c>services:catalog:http:0</c> and <c>services:docs:http:0</c>.</summary>
    public const string CatalogAddress = "http://catalog";
    public const string DocsAddress = "http://docs";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, SearchDbContext>(DatabaseName);
        builder.AddPortalAudit(ServiceName);
        builder.AddMessaging(ServiceName, bus =>
        {
            // Entity events come in bulk (a registration of thousands): they are indexed up to 200 per transaction.
            bus.AddConsumer<EntityRegisteredConsumer>(consumer => consumer.Options<BatchOptions>(MessagingExtensions.BulkEventBatches));
            bus.AddConsumer<EntityUpdatedConsumer>(consumer => consumer.Options<BatchOptions>(MessagingExtensions.BulkEventBatches));
            bus.AddConsumer<EntityRemovedConsumer>();
            bus.AddConsumer<DocsBuiltConsumer>();
        });

        builder.Services.Configure<SearchEngineOptions>(builder.Configuration.GetSection(SearchEngineOptions.SectionName));
        builder.Services.Configure<ReindexOptions>(builder.Configuration.GetSection(ReindexOptions.SectionName));
        builder.Services.AddSingleton<ISearchEngine, PostgresSearchEngine>();
        builder.Services.AddSingleton<IndexWriter>();
        builder.Services.AddSingleton<EntityIndexer>();
        builder.Services.AddSingleton<GenerationStore>();
        builder.Services.AddSingleton<ReindexService>();
        builder.Services.AddHostedService<ReindexWatcher>();
        builder.Services.AddHttpClient<CatalogEntitiesClient>(http => http.BaseAddress = new Uri(CatalogAddress)).AddServiceToken();
        builder.Services.AddHttpClient<DocsBuildsClient>(http => http.BaseAddress = new Uri(DocsAddress)).AddServiceToken();
    }
}
