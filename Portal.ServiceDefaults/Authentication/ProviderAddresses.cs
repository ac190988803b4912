using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// The provider's documents name their endpoints (keys, token endpoint) under the issuer's public address, which a
/// service may not reach (under the AppHost the issuer is the front door, which starts after the services). When
/// <see cref="PortalAuthenticationOptions.MetadataAddress"/> names another origin, every address on the issuer's
/// origin is read from the metadata address's origin instead, so a service needs only the provider itself.
/// </summary>
internal sealed class ProviderAddresses(Uri issuer, Uri metadata)
{
    private readonly bool _rewrites = Uri.Compare(issuer, metadata, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0;

    public static ProviderAddresses From(PortalAuthenticationOptions settings) => new(new Uri(settings.Authority!), new Uri(settings.DiscoveryAddress));

    public string Rewrite(string address)
    {
        if (!_rewrites || !Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || Uri.Compare(uri, issuer, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return address;
        }

        return new UriBuilder(uri) { Scheme = metadata.Scheme, Host = metadata.Host, Port = metadata.Port }.Uri.ToString();
    }

    /// <summary>Reads discovery and keys through <see cref="Rewrite"/>, and rewrites the token endpoint it names.</summary>
    public ConfigurationManager<OpenIdConnectConfiguration> ConfigurationManager(HttpClient backchannel, bool requireHttps) =>
        new(metadata.ToString(), new ConfigurationRetriever(this), new DocumentRetriever(this, new HttpDocumentRetriever(backchannel) { RequireHttps = requireHttps }));

    private sealed class DocumentRetriever(ProviderAddresses addresses, IDocumentRetriever inner) : IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel) => inner.GetDocumentAsync(addresses.Rewrite(address), cancel);
    }

    private sealed class ConfigurationRetriever(ProviderAddresses addresses) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel);
            if (configuration.TokenEndpoint is { Length: > 0 } tokenEndpoint)
            {
                configuration.TokenEndpoint = addresses.Rewrite(tokenEndpoint);
            }

            return configuration;
        }
    }
}
