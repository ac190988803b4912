namespace Identity.Api.Model;

/// <summary>
/// A key of the provider, kept in its database so that every replica signs and decrypts with the same keys. The first
/// replica to start creates each one; the others load it.
/// </summary>
public sealed class StoredKey
{
    /// <summary><see cref="KeyPurposes.Signing"/> or <see cref="KeyPurposes.Encryption"/>.</summary>
    public required string Purpose { get; set; }

    /// <summary>The <c>kid</c> published in the JWKS and written in every token's header.</summary>
    public required string KeyId { get; set; }

    /// <summary>An RSA private key (PKCS#8) for signing; 32 random bytes (AES-256 key wrap) for encryption.</summary>
    public required byte[] Material { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public static class KeyPurposes
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";
}
