using Catalog.Api.Reading;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>Reads <c>$text</c>/<c>$json</c>/<c>$yaml</c> targets relative to the file that names them, inside its root.</summary>
internal sealed class RelativePlaceholderReader(LocationReader reader, LocationTarget file) : IPlaceholderReader
{
    /// <summary>
    /// Each target read, in order, with the SHA-256 of its text: a location's content hash covers them, so a refresh
    /// after only a substituted file changed (an API definition, say) is not taken for an unchanged one.
    /// </summary>
    public List<string> Reads { get; } = [];

    public async Task<string> ReadAsync(string target, CancellationToken cancellationToken)
    {
        try
        {
            var resolved = reader.ResolveRelative(file, target);
            var text = await reader.ReadAsync(resolved, cancellationToken);
            Reads.Add($"{resolved.Key} {Utf8Hashing.Sha256Hex(text)}");
            return text;
        }
        catch (LocationReadException exception)
        {
            throw new PlaceholderReadException(exception.Message);
        }
    }
}
