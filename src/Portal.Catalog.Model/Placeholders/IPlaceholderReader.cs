namespace Portal.Catalog.Model;

/// <summary>
/// Reads what a placeholder names (a path relative to the entity's file, or a URL). The implementation decides what
/// may be read and throws <see cref="PlaceholderReadException"/> when it cannot or may not.
/// </summary>
public interface IPlaceholderReader
{
    Task<string> ReadAsync(string target, CancellationToken cancellationToken);
}
