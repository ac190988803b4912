namespace Docs.Api.Model;

/// <summary>One file of a built site kept in the docs database (<see cref="Storage.PostgresDocsPublisher"/>).</summary>
public sealed class SiteFile
{
    /// <summary>The site's storage name, <c>{namespace}/{kind}/{name}</c> lower-cased.</summary>
    public required string Site { get; set; }

    public Guid BuildId { get; set; }

    /// <summary>Relative to the site, '/'-separated, normalised (<see cref="Storage.SitePath.Normalize"/>).</summary>
    public required string Path { get; set; }

    public required byte[] Content { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of the content in hex: the file's ETag.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}
