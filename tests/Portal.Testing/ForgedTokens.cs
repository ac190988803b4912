using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Portal.Testing;

/// <summary>
/// Tokens the provider did not issue, built on purpose for the negative tests: a real token's claims changed (expired,
/// another audience or issuer) and signed again with the provider's own key, so that only the changed claim is wrong;
/// a real token with its payload altered after signing; and a real token's payload with <c>alg: none</c>.
/// </summary>
public sealed class ForgedTokens
{
    private readonly SigningCredentials _providerKey;

    private ForgedTokens(SigningCredentials providerKey) => _providerKey = providerKey;

    /// <summary>Reads the provider's signing key where every replica reads it: its database.</summary>
    public static async Task<ForgedTokens> FromProviderAsync(TestIdentityProvider identity)
    {
        await using var connection = new NpgsqlConnection(identity.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT key_id, material FROM stored_keys WHERE purpose = 'signing'", connection);
        await using var reader = await select.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The identity provider's database holds no signing key.");
        }

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(reader.GetFieldValue<byte[]>(1), out _);
        return new ForgedTokens(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = reader.GetString(0) }, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>The claims of <paramref name="token"/>, changed by <paramref name="change"/>, signed with the provider's key.</summary>
    public string Resign(string token, Action<JsonObject> change)
    {
        var claims = Payload(token);
        change(claims);
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[0]))!.AsObject();
        return new JsonWebTokenHandler().CreateToken(claims.ToJsonString(), _providerKey,
            new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = header["typ"]?.GetValue<string>() ?? "JWT" });
    }

    /// <summary>A token whose lifetime ended <paramref name="ago"/>.</summary>
    public string Expired(string token, TimeSpan ago) => Resign(token, claims =>
    {
        var end = DateTimeOffset.UtcNow - ago;
        claims["exp"] = end.ToUnixTimeSeconds();
        claims["iat"] = end.AddMinutes(-15).ToUnixTimeSeconds();
        claims["nbf"] = end.AddMinutes(-15).ToUnixTimeSeconds();
    });

    /// <summary><paramref name="token"/> with one claim of its payload changed after signing (its signature no longer matches).</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var claims = Payload(token);
        claims["sub"] = "user:default/someone-else";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.{parts[2]}";
    }

    /// <summary><paramref name="token"/>'s claims under the header <c>{"alg":"none"}</c> and no signature.</summary>
    public static string Unsigned(string token)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{token.Split('.')[1]}.";
    }

    public static JsonObject Payload(string token) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[1])))!.AsObject();

    /// <summary>A claim of <paramref name="token"/> as text, for asserting what the provider issued.</summary>
    public static string? Claim(string token, string name)
    {
        var value = Payload(token)[name];
        return value is not null && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
    }
}
