using System.Security.Cryptography;
using System.Text;

namespace Identity.Api.SignIn;

/// <summary>The one development password of every catalog User (<c>Identity:Development:Password</c>, local development only).</summary>
public static class DevelopmentPassword
{
    /// <summary>False when none is configured; compared in constant time otherwise.</summary>
    public static bool Matches(string? given, IdentityOptions options) =>
        !string.IsNullOrEmpty(options.Development.Password) && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.Development.Password));
}
