namespace Portal.Sources;

/// <summary>
/// Reads a response body or blob without trusting its declared length: a server may send no Content-Length, or lie.
/// Reading stops one byte past the limit, so an endless body costs no more than the limit.
/// </summary>
public static class BoundedReads
{
    /// <summary>The whole of <paramref name="stream"/>, or null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body of <paramref name="content"/>, or null when its declared or actual length is over <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await ReadAtMostAsync(stream, maxBytes, cancellationToken);
    }
}
