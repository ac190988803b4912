using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Api.Tests;

/// <summary>Reads and validates the provider's tokens as a resource server would.</summary>
public static class Jwt
{
    public static JsonWebToken Read(string token) => new JsonWebTokenHandler().ReadJsonWebToken(token);

    /// <summary>The payload as JSON, so a test sees exactly what a resource server sees (arrays stay arrays).</summary>
    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.Clone();

    public static async Task<TokenValidationResult> ValidateAsync(string token, string jwksJson, Uri issuer) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer.ToString(),
            ValidAudience = "portal",
            IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
}
