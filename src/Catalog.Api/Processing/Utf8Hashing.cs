using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Catalog.Api.Processing;

/// <summary>Hashes text as UTF-8 a slice at a time: a large file is never held a second time, as bytes.</summary>
internal static class Utf8Hashing
{
    public static void AppendUtf8(this IncrementalHash hash, string text)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var remaining = text.AsSpan();
            bool completed;
            do
            {
                encoder.Convert(remaining, buffer, flush: true, out var charsUsed, out var bytesUsed, out completed);
                hash.AppendData(buffer, 0, bytesUsed);
                remaining = remaining[charsUsed..];
            }
            while (!completed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The SHA-256 of the text's UTF-8, in lower-case hex.</summary>
    public static string Sha256Hex(string text)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendUtf8(text);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
