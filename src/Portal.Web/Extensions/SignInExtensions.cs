using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.ServiceDefaults;
using Portal.Web.Authentication;

namespace Portal.Web.Extensions;

/// <summary>
/// People sign in with OpenID Connect (authorization code with PKCE) at the provider named by
/// <see cref="OidcOptions"/> alone, and keep a cookie session holding the provider's tokens, renewed before they expire.
/// Pages require a signed-in person; the API gateway and the provider's own paths do not (the services check tokens).
/// </summary>
internal static class SignInExtensions
{
    private const string SessionCookie = "portal.session";

    public static void AddPortalSignIn(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(OidcOptions.Section);
        var settings = section.Get<OidcOptions>() ?? new OidcOptions();
        if (settings.AuthorityUri is not { } authority)
        {
            throw new ConfigurationException(
                $"{OidcOptions.Section}:Authority is not set: the front door does not know where people sign in. Set " +
                "Authentication__Oidc__Authority (and ClientId, ClientSecret) to your OpenID Connect provider, or run through Portal.AppHost.");
        }

        builder.Services.Configure<OidcOptions>(section);
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(UserTokenStore.HttpClientName);
        builder.Services.AddSingleton<UserTokenStore>();
        builder.Services.AddSingleton<SignInCookieEvents>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<UserSession>();
        builder.Services.AddScoped<CircuitHandler, CircuitServicesActivityHandler>();

        // Plain http only from a loopback provider (the AppHost's embedded one), the services' rule too; anywhere else
        // https, checked here: the handler would otherwise refuse every request, /health included, with a 500.
        var metadata = string.IsNullOrWhiteSpace(settings.MetadataAddress) ? authority : new Uri(settings.MetadataAddress);
        var allowHttp = authority.IsLoopback && metadata.IsLoopback;
        if (!allowHttp && (authority.Scheme != Uri.UriSchemeHttps || metadata.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException(
                "Authentication:Oidc:Authority and Authentication:Oidc:MetadataAddress must be https addresses unless both are loopback addresses.");
        }

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.EventsType = typeof(SignInCookieEvents);
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = settings.Authority;
                if (!string.IsNullOrWhiteSpace(settings.MetadataAddress))
                {
                    options.MetadataAddress = settings.MetadataAddress;
                }

                options.RequireHttpsMetadata = !allowHttp;
                options.ClientId = settings.ClientId;
                options.ClientSecret = settings.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                // The code comes back in the query of a top-level GET: Lax cookies (correlation, nonce) travel with it
                // from any provider's host, and no auto-submitting form page has to run under the portal's CSP.
                options.ResponseMode = "query";
                options.SaveTokens = true;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.Scope.Clear();
                foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(scope);
                }

                options.ClaimActions.MapUniqueJsonKey(settings.ClaimMapping.Name, settings.ClaimMapping.Name);
                options.ClaimActions.MapUniqueJsonKey(settings.ClaimMapping.Email, settings.ClaimMapping.Email);
                options.ClaimActions.MapUniqueJsonKey(settings.ClaimMapping.Picture, settings.ClaimMapping.Picture);
                options.TokenValidationParameters.NameClaimType = settings.ClaimMapping.Name;
                options.CallbackPath = "/signin-oidc";
                options.SignedOutCallbackPath = "/signout-callback-oidc";
                options.SignedOutRedirectUri = "/";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events = new OpenIdConnectEvents
                {
                    OnTokenValidated = context =>
                    {
                        context.Principal?.Identities.First().AddClaim(new Claim(UserTokenStore.SessionClaim, Guid.NewGuid().ToString("N")));
                        return Task.CompletedTask;
                    },
                    OnRedirectToIdentityProvider = context =>
                    {
                        // A script's request (Blazor's circuit, a fetch) cannot follow a redirect to a sign-in page: 401 it.
                        if (!IsPageNavigation(context.Request))
                        {
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                            context.HandleResponse();
                        }

                        return Task.CompletedTask;
                    },
                    OnRemoteFailure = SignInFailedAsync,
                };
            });
        builder.Services.AddAuthorization();
    }

    public static void UsePortalSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>A tampered or replayed callback (state, nonce, code) is a 400 problem, never a 500, and says nothing that could be replayed.</summary>
    private static async Task SignInFailedAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await Results.Problem(
            title: "SignInError",
            detail: "Signing in did not complete: the answer from the identity provider was not valid for this browser's sign-in. Open the portal again to sign in.",
            statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context.HttpContext);
    }

    private static bool IsPageNavigation(HttpRequest request) =>
        !request.Path.StartsWithSegments("/_blazor")
        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Headers.ContainsKey("blazor-enhanced-nav") || !string.Equals(request.Headers["Sec-Fetch-Mode"], "cors", StringComparison.OrdinalIgnoreCase))
        && !string.Equals(request.Headers["X-Requested-With"], "XMLHttpRequest", StringComparison.OrdinalIgnoreCase);
}
