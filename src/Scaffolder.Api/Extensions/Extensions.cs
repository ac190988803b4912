using Scaffolder.Api.Infrastructure;
using Portal.Data;
using Portal.ServiceDefaults;

namespace Scaffolder.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "scaffolder";
    public const string DatabaseName = "scaffolderdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, ScaffolderDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName);
    }
}
