using System.Security.Cryptography;
using Identity.Api.Model;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Portal.ServiceDefaults.Startup;

namespace Identity.Api.Signing;

/// <summary>
/// Creates the provider's keys once (the first replica wins: <c>INSERT … ON CONFLICT DO NOTHING</c>) and loads the
/// stored ones, before the service answers. Runs after the migrator, which creates the table.
/// </summary>
internal sealed class KeyRingLoader(NpgsqlDataSource dataSource, KeyRing keyRing, ILogger<KeyRingLoader> logger) : IStartupTask
{
    public string Name => "the provider's signing keys";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var signing = await GetOrCreateAsync(KeyPurposes.Signing, NewRsaKey, cancellationToken);
        var encryption = await GetOrCreateAsync(KeyPurposes.Encryption, () => RandomNumberGenerator.GetBytes(32), cancellationToken);

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(signing.Material, out _);
        var signingKey = new RsaSecurityKey(rsa) { KeyId = signing.KeyId };
        var encryptionKey = new SymmetricSecurityKey(encryption.Material) { KeyId = encryption.KeyId };
        keyRing.Load(
            new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
            new EncryptingCredentials(encryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        logger.LogInformation("Loaded the provider's keys (signing key {KeyId})", signing.KeyId);
    }

    private static byte[] NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    }

    private async Task<StoredKey> GetOrCreateAsync(string purpose, Func<byte[]> create, CancellationToken ct)
    {
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO stored_keys (purpose, key_id, material, created_at) VALUES ($1, $2, $3, now()) ON CONFLICT (purpose) DO NOTHING"))
        {
            insert.Parameters.Add(new() { Value = purpose });
            insert.Parameters.Add(new() { Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) });
            insert.Parameters.Add(new() { Value = create() });
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var select = dataSource.CreateCommand("SELECT key_id, material, created_at FROM stored_keys WHERE purpose = $1");
        select.Parameters.Add(new() { Value = purpose });
        await using var reader = await select.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new StoredKey
        {
            Purpose = purpose,
            KeyId = reader.GetString(0),
            Material = reader.GetFieldValue<byte[]>(1),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(2),
        };
    }
}
