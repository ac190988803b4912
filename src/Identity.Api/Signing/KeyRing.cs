using Microsoft.IdentityModel.Tokens;

namespace Identity.Api.Signing;

/// <summary>The provider's keys as loaded from the database at start (see <see cref="KeyRingLoader"/>).</summary>
public sealed class KeyRing
{
    private SigningCredentials? _signing;
    private EncryptingCredentials? _encryption;

    public SigningCredentials Signing =>
        _signing ?? throw new InvalidOperationException("The signing key is read before the key ring was loaded from the database.");

    public EncryptingCredentials Encryption =>
        _encryption ?? throw new InvalidOperationException("The encryption key is read before the key ring was loaded from the database.");

    internal void Load(SigningCredentials signing, EncryptingCredentials encryption)
    {
        _signing = signing;
        _encryption = encryption;
    }
}
