using Identity.Api.Infrastructure;
using Identity.Api.Signing;
using Identity.Api.Tokens;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Extensions;

internal static class IdentityServerExtensions
{
    /// <summary>
    /// OpenIddict as an OpenID Connect provider on the service's database. Access tokens are plain signed JWTs (not
    /// encrypted), so any resource server validates them with the JWKS alone; the signing and encryption keys come from
    /// the database (<see cref="KeyRing"/>), so every replica issues tokens the others accept.
    /// </summary>
    public static void AddIdentityServer(this IHostApplicationBuilder builder, Uri issuer, IdentityOptions options)
    {
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer);
                server.SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revocation")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");

                server.AllowClientCredentialsFlow().AllowRefreshTokenFlow();
                if (!string.IsNullOrEmpty(options.Development.Password))
                {
                    server.AllowPasswordFlow();
                }

                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, PortalClaims.Scope);
                server.RegisterAudiences(PortalClaims.Audience);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(options.RefreshTokenLifetime);
                server.DisableAccessTokenEncryption();

                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    // Plain http on loopback in local development; production sits behind TLS termination.
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeysConfiguration>();
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
    }
}
