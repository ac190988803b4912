using Docs.Api.Builds;
using Docs.Api.Infrastructure;
using Docs.Api.IntegrationEvents.EventHandling;
using Docs.Api.Permissions;
using Docs.Api.Queries;
using Docs.Api.Sources;
using Docs.Api.Storage;
using Portal.Audit;
using Portal.Data;
using Portal.ServiceDefaults;

namespace Docs.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "docs";
    public const string DatabaseName = "docsdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, DocsDbContext>(DatabaseName);
        builder.AddPortalAudit(ServiceName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<EntityRegisteredConsumer>();
            bus.AddConsumer<EntityUpdatedConsumer>();
            bus.AddConsumer<EntityRemovedConsumer>();
        });

        builder.Services.Configure<DocsSourcesOptions>(builder.Configuration.GetSection(DocsSourcesOptions.SectionName));
        builder.Services.Configure<DocsBuildOptions>(builder.Configuration.GetSection(DocsBuildOptions.SectionName));
        builder.Services.Configure<DocsStorageOptions>(builder.Configuration.GetSection(DocsStorageOptions.SectionName));
        builder.Services.AddHttpClient(DocsSourceResolver.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });

        builder.Services.AddSingleton<DocsSourceResolver>();
        builder.AddDocsStorage();
        builder.Services.AddSingleton<CatalogEntityChanges>();
        builder.Services.AddSingleton<BuildWakeUp>();
        builder.Services.AddSingleton<BuildQueue>();
        builder.Services.AddSingleton<BuildRunner>();
        builder.Services.AddHostedService<BuildWorker>();
        builder.Services.AddScoped<SiteReadStore>();
        builder.Services.AddSingleton<DocsAccess>();
    }

    /// <summary>The store of built sites that <c>Docs:Storage:Provider</c> names.</summary>
    private static void AddDocsStorage(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration[$"{DocsStorageOptions.SectionName}:{nameof(DocsStorageOptions.Provider)}"] ?? DocsStorageOptions.PostgresProvider;
        switch (provider.ToLowerInvariant())
        {
            case DocsStorageOptions.PostgresProvider:
                builder.Services.AddSingleton<IDocsPublisher, PostgresDocsPublisher>();
                break;
            case DocsStorageOptions.FileSystemProvider:
                builder.Services.AddSingleton<IDocsPublisher, LocalFileSystemPublisher>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Docs:Storage:Provider is '{provider}'; it must be '{DocsStorageOptions.PostgresProvider}' or '{DocsStorageOptions.FileSystemProvider}'");
        }
    }
}
