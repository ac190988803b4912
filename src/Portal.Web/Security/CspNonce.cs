using System.Security.Cryptography;

namespace Portal.Web.Security;

/// <summary>The request's CSP nonce: fresh for every page, put on the inline scripts the page needs (the import map).</summary>
public sealed class CspNonce
{
    public string Value { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
}
