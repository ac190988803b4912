using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portal.Permissions;

namespace Portal.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// This service's audit trail: <see cref="AuditLog"/> to make entries and <see cref="IAuditDenials"/> to record
    /// denials, both through the outbox of the service's database (register it first, <c>AddServiceDatabase</c>).
    /// </summary>
    public static TBuilder AddPortalAudit<TBuilder>(this TBuilder builder, string serviceName) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(provider => new AuditLog(serviceName, provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IAuditDenials, OutboxAuditDenials>();
        return builder;
    }
}
