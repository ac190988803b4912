using Docs.Api.Infrastructure;
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
        builder.AddMessaging(ServiceName);
    }
}
