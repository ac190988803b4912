using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using Portal.ServiceDefaults.BackgroundLoops;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// Every request to a Portal service carries an access token from the configured OpenID Connect provider (section
/// <c>Authentication</c>), verified here: issuer, audience, lifetime, and a signature by one of the provider's keys
/// (read once from its discovery document and cached, so a request costs no network call). <c>/health</c> and
/// <c>/alive</c> stay anonymous; everything else, the OpenAPI document included, needs a verified caller.
/// </summary>
public static class AuthenticationExtensions
{
    /// <summary>The client that talks to the provider: discovery, keys, token endpoint, revoked subjects.</summary>
    public const string ProviderHttpClientName = "portal-identity-provider";

    /// <summary>Tokens larger than this are refused unread; a user in many groups still fits many times over.</summary>
    public const int MaxTokenBytes = 32 * 1024;

    /// <summary>Asymmetric signatures only: never <c>none</c>, never a shared-secret HMAC an attacker could guess at.</summary>
    private static readonly string[] AcceptedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static TBuilder AddPortalAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = builder.Configuration.GetSection(PortalAuthenticationOptions.SectionName).Get<PortalAuthenticationOptions>()
                       ?? new PortalAuthenticationOptions();
        settings.Validate();
        builder.Services.Configure<PortalAuthenticationOptions>(builder.Configuration.GetSection(PortalAuthenticationOptions.SectionName));

        builder.Services.AddHttpClient(ProviderHttpClientName);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = settings.Authority;
            options.Audience = settings.Audience;
            if (!string.IsNullOrWhiteSpace(settings.MetadataAddress))
            {
                options.MetadataAddress = settings.MetadataAddress;
            }

            options.RequireHttpsMetadata = settings.HttpsMetadataRequired;
            options.MapInboundClaims = false;
            options.SaveToken = false;
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new CachingJsonWebTokenHandler(TimeProvider.System) { MaximumTokenSizeInBytes = MaxTokenBytes, MapInboundClaims = false });
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuers = IssuerSpellings(settings.Authority!),
                ValidAudience = settings.Audience,
                ValidAlgorithms = AcceptedAlgorithms,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = PortalClaims.Subject,
            };
            options.Events = BearerTokenEvents.Create();
        });
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((options, httpClients) =>
            {
                options.Backchannel = httpClients.CreateClient(ProviderHttpClientName);
                options.ConfigurationManager = ProviderAddresses.From(settings).ConfigurationManager(options.Backchannel, settings.HttpsMetadataRequired);
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());

        builder.Services.AddSingleton<AuthenticationMarker>();
        builder.Services.AddSingleton<RevokedSubjects>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServiceTokenProvider>();
        builder.Services.AddTransient<ServiceTokenHandler>();
        builder.Services.AddBackgroundLoopHealth();
        builder.Services.AddHostedService<RevokedSubjectsPoller>();
        if (settings.IsExternal)
        {
            builder.Services.AddSingleton<ResolutionCache>();
            builder.Services.TryAddScoped<IExternalIdentityResolver, HttpExternalIdentityResolver>();
            builder.Services.AddScoped<ExternalIdentityResolution>();
        }

        return builder;
    }

    /// <summary>Sends this service's own client-credentials token with every request of the client (service-to-service calls).</summary>
    public static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder client) => client.AddHttpMessageHandler<ServiceTokenHandler>();

    /// <summary>Authentication and authorization, when <see cref="AddPortalAuthentication{TBuilder}"/> was called.</summary>
    internal static void UsePortalAuthentication(this WebApplication app)
    {
        if (app.Services.GetService<AuthenticationMarker>() is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
    }

    /// <summary>The issuer as configured, with and without its trailing slash: providers differ in which they print.</summary>
    private static string[] IssuerSpellings(string authority) => [authority.TrimEnd('/') + "/", authority.TrimEnd('/')];

    private sealed class AuthenticationMarker;
}
