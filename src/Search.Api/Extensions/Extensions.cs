using Search.Api.Infrastructure;
using Portal.Data;
using Portal.ServiceDefaults;

namespace Search.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "search";
    public const string DatabaseName = "searchdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, SearchDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName);
    }
}
