using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace Portal.Web.Authentication;

/// <summary>A signed-in person's tokens as the front door keeps them: the access token it forwards and the refresh token that renews it.</summary>
public sealed record UserTokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt)
{
    public const string AccessTokenName = "access_token";
    public const string RefreshTokenName = "refresh_token";
    public const string ExpiresAtName = "expires_at";

    public bool ExpiresWithin(TimeSpan margin, TimeProvider time) => ExpiresAt - margin <= time.GetUtcNow();

    /// <summary>The tokens the OpenID Connect handler saved in the sign-in cookie's properties.</summary>
    public static UserTokens? From(AuthenticationProperties? properties)
    {
        if (properties?.GetTokenValue(AccessTokenName) is not { Length: > 0 } access)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAtName), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        return new UserTokens(access, properties.GetTokenValue(RefreshTokenName), expiresAt);
    }

    public void WriteTo(AuthenticationProperties properties)
    {
        Set(properties, AccessTokenName, AccessToken);
        if (RefreshToken is not null)
        {
            Set(properties, RefreshTokenName, RefreshToken);
        }

        Set(properties, ExpiresAtName, ExpiresAt.ToString("o", CultureInfo.InvariantCulture));
    }

    private static void Set(AuthenticationProperties properties, string name, string value)
    {
        if (!properties.UpdateTokenValue(name, value))
        {
            properties.StoreTokens([.. properties.GetTokens(), new AuthenticationToken { Name = name, Value = value }]);
        }
    }

    /// <summary>Tokens are secrets: a record's generated ToString would print them into any log that formats this.</summary>
    public override string ToString() => $"UserTokens {{ ExpiresAt = {ExpiresAt:o} }}";
}
