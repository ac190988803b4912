using System.Buffers.Text;
using System.Security.Cryptography;

namespace Portal.Web.Security;

/// <summary>The request's CSP nonce: fresh for every page, put on the inline scripts the page needs (the import map).</summary>
/// <remarks>
/// Base64url, not base64: Razor writes <c>+</c> in an attribute as <c>&amp;#x2B;</c>. Browsers decode that, but the page
/// then no longer carries the header's nonce byte for byte.
/// </remarks>
public sealed class CspNonce
{
    public string Value { get; } = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
