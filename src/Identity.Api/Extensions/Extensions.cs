using Identity.Api.Audit;
using Identity.Api.Clients;
using Identity.Api.Infrastructure;
using Identity.Api.IntegrationEvents.EventHandling;
using Identity.Api.Signing;
using Identity.Api.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Audit;
using Portal.Data;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Startup;

namespace Identity.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "identity";
    public const string DatabaseName = "identitydb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        if (options.Provider.Enabled && !(options.Issuer is { IsAbsoluteUri: true } issuer && issuer.AbsolutePath.EndsWith('/')))
        {
            throw new ConfigurationException(
                "Identity:Issuer must be the provider's absolute URL with a trailing slash, e.g. http://127.0.0.1:7007/ " +
                "(set Identity__Issuer, or run the service through Portal.AppHost, which sets it).");
        }

        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.SectionName));

        // The migrator runs first (registered here); the key ring and the clients need its tables, so they follow it.
        builder.AddServiceDatabase<IHostApplicationBuilder, IdentityDbContext>(DatabaseName);
        builder.AddPortalAudit(ServiceName);
        builder.AddPortalPermissions();

        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<EntityRegisteredConsumer>();
            bus.AddConsumer<EntityUpdatedConsumer>();
            bus.AddConsumer<EntityRemovedConsumer>();
            bus.AddConsumer<AuditRecordedConsumer>();
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CatalogDirectory>();
        builder.Services.AddScoped<UserResolver>();
        builder.Services.AddScoped<OwnershipResolver>();
        builder.Services.AddScoped<UserProfiles>();
        builder.Services.AddScoped<ExternalIdentityDirectory>();
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.SectionName));
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddScoped<SignInAudit>();
        builder.Services.AddHostedService<AuditPruner>();
        if (options.Provider.Enabled)
        {
            builder.Services.AddSingleton<KeyRing>();
            builder.Services.AddStartupTask<KeyRingLoader>();
            builder.Services.AddStartupTask<ClientRegistrar>();
            builder.Services.AddScoped<Tokens.PrincipalFactory>();
            builder.Services.AddHostedService<Tokens.TokenPruner>();
            builder.AddIdentityServer(options.Issuer!, options);
        }
        else
        {
            builder.AddDirectoryBehindExternalProvider();
        }
    }
}
