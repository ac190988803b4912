using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Portal.ServiceDefaults.Authentication;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>A token found valid is not checked again until it expires; nothing invalid is remembered.</summary>
public sealed class CachingJsonWebTokenHandlerTests
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };

    private TokenValidationParameters Parameters => new()
    {
        ValidIssuer = "http://127.0.0.1:1/",
        ValidAudience = "portal",
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };

    private string Token(DateTime expires) => new CachingJsonWebTokenHandler(TimeProvider.System).CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "http://127.0.0.1:1/",
        Audience = "portal",
        Subject = new ClaimsIdentity([new Claim("sub", "user:default/amara.okafor")]),
        IssuedAt = expires.AddMinutes(-15),
        NotBefore = expires.AddMinutes(-15),
        Expires = expires,
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    [Fact]
    public async Task A_valid_token_is_remembered_and_each_request_gets_its_own_identity()
    {
        var handler = new CachingJsonWebTokenHandler(TimeProvider.System);
        var token = Token(DateTime.UtcNow.AddMinutes(10));

        var first = await handler.ValidateTokenAsync(token, Parameters);
        var second = await handler.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, handler.Count);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal("user:default/amara.okafor", second.ClaimsIdentity.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task Invalid_and_expired_tokens_are_checked_every_time_and_never_remembered()
    {
        var handler = new CachingJsonWebTokenHandler(TimeProvider.System);
        var expired = Token(DateTime.UtcNow.AddMinutes(-10));
        var valid = Token(DateTime.UtcNow.AddMinutes(10));
        var tampered = valid[..^4] + (valid[^4] == 'A' ? "B" : "A") + valid[^3..];

        foreach (var token in new[] { expired, tampered, expired })
        {
            Assert.False((await handler.ValidateTokenAsync(token, Parameters)).IsValid);
        }

        Assert.Equal(0, handler.Count);
    }
}
