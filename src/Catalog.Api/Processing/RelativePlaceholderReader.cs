using Catalog.Api.Reading;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>Reads <c>$text</c>/<c>$json</c>/<c>$yaml</c> targets relative to the file that names them, inside its root.</summary>
internal sealed class RelativePlaceholderReader(LocationReader reader, LocationTarget file) : IPlaceholderReader
{
    public async Task<string> ReadAsync(string target, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(reader.ResolveRelative(file, target), cancellationToken);
        }
        catch (LocationReadException exception)
        {
            throw new PlaceholderReadException(exception.Message);
        }
    }
}
