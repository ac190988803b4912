using Catalog.Api.Infrastructure;
using Catalog.Api.Processing;
using Catalog.Api.Reading;
using Portal.Data;
using Portal.ServiceDefaults;

namespace Catalog.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "catalog";
    public const string DatabaseName = "catalogdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, CatalogDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName);

        builder.Services.Configure<CatalogLocationsOptions>(builder.Configuration.GetSection(CatalogLocationsOptions.SectionName));
        builder.Services.AddHttpClient(LocationReader.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<LocationReader>();
        builder.Services.AddSingleton<LocationProcessor>();
        builder.Services.AddScoped<LocationRefresher>();
        builder.Services.AddHostedService<ProcessingWarmUp>();
        builder.Services.AddSingleton<RefreshWakeUp>();
        builder.Services.AddHostedService<RefreshWorker>();
        builder.Services.AddSingleton<Queries.VersionedCache>();
        builder.Services.AddSingleton<Queries.EntityReadStore>();
    }
}
