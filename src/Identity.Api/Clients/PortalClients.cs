using OpenIddict.Abstractions;
using Portal.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Api.Clients;

/// <summary>The clients Portal registers from configuration (<c>Identity:Clients:&lt;id&gt;</c>) and what each may do.</summary>
public static class PortalClients
{
    public const string Web = "portal-web";
    public const string Cli = "portal-cli";
    public const string Automation = "portal-automation";

    /// <summary>Portal's own services: their tokens say <c>plugin:&lt;id&gt;</c>, as Backstage names its plugins' principals.</summary>
    public static readonly IReadOnlySet<string> Services = new HashSet<string>(StringComparer.Ordinal)
    {
        "catalog", "search", "docs", "scaffolder", "scorecards", "web",
    };

    public static string ServiceSubject(string clientId) =>
        Services.Contains(clientId) ? $"plugin:{clientId}" : $"external:{clientId}";

    /// <summary>
    /// The descriptors of every configured client: <c>portal-web</c> (code + PKCE), <c>portal-cli</c> (password, public,
    /// only with a development password) and every other client with a secret (client credentials).
    /// </summary>
    public static IEnumerable<OpenIddictApplicationDescriptor> Describe(IdentityOptions options)
    {
        foreach (var (clientId, client) in options.Clients)
        {
            if (clientId == Cli || string.IsNullOrEmpty(client.Secret))
            {
                continue;
            }

            yield return clientId == Web ? WebClient(client) : ServiceClient(clientId, client.Secret);
        }

        if (!string.IsNullOrEmpty(options.Development.Password))
        {
            yield return CliClient();
        }
    }

    private static OpenIddictApplicationDescriptor WebClient(ClientOptions client)
    {
        var descriptor = Confidential(Web, client.Secret!, "Portal web UI");
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile, Permissions.Scopes.Email,
        ]);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor ServiceClient(string clientId, string secret)
    {
        var descriptor = Confidential(clientId, secret, clientId);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor CliClient()
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = Cli,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Portal scripts (local development)",
        };
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken,
            Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Prefixes.Scope + PortalClaims.Scope,
        ]);
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor Confidential(string clientId, string secret, string displayName)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            // First-party clients: no consent page.
            ConsentType = ConsentTypes.Implicit,
            DisplayName = displayName,
        };
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.Prefixes.Scope + PortalClaims.Scope,
        ]);
        return descriptor;
    }
}
