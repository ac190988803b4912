using System.Security.Cryptography;
using System.Text;

namespace Portal.LocalServers;

/// <summary>
/// RabbitMQ's stored form of a password (<c>rabbit_password_hashing_sha256</c>, its default): base64 of a 4-byte salt
/// followed by SHA-256(salt ‖ password). Sent to the management API as <c>password_hash</c>, so the password itself
/// never travels.
/// </summary>
public static class RabbitMqPasswordHash
{
    public static string Create(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }
}
