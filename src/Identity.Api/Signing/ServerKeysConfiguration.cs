using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Identity.Api.Signing;

/// <summary>Gives OpenIddict the keys from the database; runs before OpenIddict's own checks of its options.</summary>
internal sealed class ServerKeysConfiguration(KeyRing keyRing) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        options.SigningCredentials.Add(keyRing.Signing);
        options.EncryptionCredentials.Add(keyRing.Encryption);
    }
}
