namespace Scaffolder.Api.Sources;

/// <summary>
/// Where a template's own files come from: the folder, git repository or URL of its <c>managed-by-location</c>, or
/// the files of a dry-run request. <c>url</c> inputs of <c>fetch:*</c> are resolved against it and never leave it.
/// </summary>
public interface ITemplateSource
{
    /// <summary>Every file under <paramref name="url"/> (relative to the template, or an absolute URL on an allowed host).</summary>
    Task<IReadOnlyList<SourceFile>> ReadTreeAsync(string url, CancellationToken cancellationToken);

    /// <summary>The single file at <paramref name="url"/>.</summary>
    Task<SourceFile> ReadFileAsync(string url, CancellationToken cancellationToken);
}

/// <summary>A source location that cannot be read or may not be read; the message says which and why.</summary>
public sealed class SourceException(string message) : Exception(message);
