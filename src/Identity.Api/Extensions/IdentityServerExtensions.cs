using Identity.Api.Infrastructure;
using Identity.Api.SignIn;
using Identity.Api.Signing;
using Identity.Api.Tokens;
using Identity.Api.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Portal.ServiceDefaults;
using OpenIddict.Validation.AspNetCore;
using Portal.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Extensions;

internal static class IdentityServerExtensions
{
    /// <summary>
    /// OpenIddict as an OpenID Connect provider on the service's database. Access tokens are plain signed JWTs (not
    /// encrypted), so any resource server validates them with the JWKS alone; the signing and encryption keys come from
    /// the database (<see cref="KeyRing"/>), so every replica issues tokens the others accept. The sign-in cookie and the
    /// antiforgery tokens are protected with data-protection keys kept in the same database, for the same reason.
    /// </summary>
    public static void AddIdentityServer(this IHostApplicationBuilder builder, Uri issuer, IdentityOptions options)
    {
        builder.Services.AddOpenIddict()
            .AddCore(UseServiceDatabase)
            .AddServer(server =>
            {
                server.SetIssuer(issuer);
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revocation")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");

                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                if (!string.IsNullOrEmpty(options.Development.Password))
                {
                    server.AllowPasswordFlow();
                }

                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, PortalClaims.Scope);
                server.RegisterAudiences(PortalClaims.Audience);
                server.RegisterClaims(PortalClaims.OwnershipEntityRefs, PortalClaims.PrincipalKind);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime);
                server.SetRefreshTokenLifetime(options.RefreshTokenLifetime);
                server.DisableAccessTokenEncryption();

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // Plain http on loopback in local development; production sits behind TLS termination.
                    .DisableTransportSecurityRequirement();
            })
            // The service's own API accepts the access tokens it issued, checked against its own keys in-process.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(PortalClaims.Audience);
                // Tokens only in the Authorization header: a token in a URL ends up in logs and browser history.
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
            });

        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeysConfiguration>();

        builder.Services.AddDataProtection()
            .SetApplicationName("portal-identity")
            .PersistKeysToDbContext<IdentityDbContext>();
        builder.Services.AddAuthentication()
            .AddCookie(SignInCookie.Scheme, cookie =>
            {
                cookie.Cookie.Name = SignInCookie.Name;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = SignInCookie.LoginPath;
                cookie.ReturnUrlParameter = SignInCookie.ReturnUrlParameter;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                // A relative redirect: behind the front door the service's own host is not the browser's, and a
                // relative location keeps the browser on whichever address it came through.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.Redirect(new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute
                        ? absolute.PathAndQuery
                        : context.RedirectUri);
                    return Task.CompletedTask;
                };
            });
        builder.AddIdentityPolicies(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = SignInCookie.AntiforgeryName);
    }

    /// <summary>
    /// With the provider off (<c>Identity:Provider:Enabled</c> false): the service accepts the external provider's tokens
    /// like every other service (<c>Authentication:*</c>, provider <c>external</c>), resolving each identity in-process
    /// with the same rules it offers the others. OpenIddict's stores stay, so a removed user's old grants are still revoked.
    /// </summary>
    public static void AddDirectoryBehindExternalProvider(this IHostApplicationBuilder builder)
    {
        if (!string.Equals(builder.Configuration["Authentication:Provider"], PortalAuthenticationOptions.ExternalProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException(
                "Identity:Provider:Enabled is false, so tokens come from an external provider: set Authentication:Provider=external " +
                "and Authentication:Authority (and the other Authentication settings) for it.");
        }

        builder.Services.AddOpenIddict().AddCore(UseServiceDatabase);
        builder.Services.AddScoped<IExternalIdentityResolver>(services => services.GetRequiredService<ExternalIdentityDirectory>());
        builder.AddPortalAuthentication();
        builder.AddIdentityPolicies(JwtBearerDefaults.AuthenticationScheme);
    }

    /// <summary>The API's policies (<see cref="IdentityPolicies"/>) on the scheme that checks its bearer tokens.</summary>
    private static void AddIdentityPolicies(this IHostApplicationBuilder builder, string scheme) =>
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IdentityPolicies.Bearer, policy => policy.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser())
            .AddPolicy(IdentityPolicies.User, policy => policy.AddAuthenticationSchemes(scheme)
                .RequireClaim(PortalClaims.PrincipalKind, PortalClaims.UserPrincipal))
            .AddPolicy(IdentityPolicies.Service, policy => policy.AddAuthenticationSchemes(scheme)
                .RequireClaim(PortalClaims.PrincipalKind, PortalClaims.ServicePrincipal));

    private static void UseServiceDatabase(OpenIddictCoreBuilder core) => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>();
}
