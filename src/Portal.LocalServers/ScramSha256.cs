using System.Security.Cryptography;
using System.Text;

namespace Portal.LocalServers;

/// <summary>
/// PostgreSQL's stored form of a password for <c>scram-sha-256</c> authentication (RFC 5802/7677, as
/// <c>pg_authid.rolpassword</c> holds it). Given to ALTER ROLE … PASSWORD instead of the password itself, the password
/// never reaches the server, its statement log or an error message.
/// </summary>
public static class ScramSha256
{
    private const int Iterations = 4096; // PostgreSQL's scram_iterations default

    /// <summary><c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c> for <paramref name="password"/> (ASCII: no SASLprep needed).</summary>
    public static string Verifier(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
