using Catalog.Api.Infrastructure;
using Catalog.Api.Processing;
using Catalog.Api.Reading;
using Catalog.Api.Refresh;
using Catalog.Api.Services;
using Npgsql;
using Portal.Audit;
using Portal.Data;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Startup;

namespace Catalog.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "catalog";
    public const string DatabaseName = "catalogdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, CatalogDbContext>(DatabaseName);
        builder.AddPortalAudit(ServiceName);
        builder.AddMessaging(ServiceName);

        builder.Services.Configure<CatalogLocationsOptions>(builder.Configuration.GetSection(CatalogLocationsOptions.SectionName));
        builder.Services.Configure<CatalogLimitsOptions>(builder.Configuration.GetSection(CatalogLimitsOptions.SectionName));
        builder.Services.AddHttpClient(LocationReader.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<LocationReader>();
        builder.Services.AddSingleton<LocationProcessor>();
        builder.Services.AddScoped<LocationRefresher>();
        builder.Services.AddStartupTask<ProcessingWarmUp>();
        builder.Services.AddSingleton<RefreshWakeUp>();
        builder.Services.AddHostedService<RefreshWorker>();
        builder.Services.AddSingleton<Queries.VersionedCache>();
        builder.Services.AddSingleton<Permissions.HiddenTargetCache>();
        // The read API's statements are few and hot (by-name is one unique-index lookup): prepared on their connection
        // after two uses, they skip PostgreSQL's parse and plan. Reads get a pool of their own, so the refresh's
        // statements on temporary tables are never prepared.
        var reads = new NpgsqlConnectionStringBuilder(builder.Configuration.RequireConnectionString(DatabaseName))
        {
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
        };
        builder.Services.AddNpgsqlDataSource(reads.ConnectionString, serviceKey: Queries.EntityReadStore.DataSourceKey);
        reads.Options = $"{reads.Options} -c plan_cache_mode=force_custom_plan".Trim();
        builder.Services.AddNpgsqlDataSource(reads.ConnectionString, serviceKey: Queries.EntityReadStore.ScopedDataSourceKey);
        builder.Services.AddSingleton<Queries.EntityReadStore>();
        builder.AddPortalPermissions();
        builder.Services.AddScoped<Permissions.CatalogAccess>();
        builder.Services.AddSingleton<CatalogRemovals>();
    }
}
