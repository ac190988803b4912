namespace Search.Api.Model;

/// <summary>
/// The catalog generation applied for an entity in one index generation: events with a generation at or below it are
/// stale or repeated and change nothing. Rows written by a rebuild carry generation 0, so any event wins over them;
/// removed entities keep a tombstone so a late page or docs build cannot bring them back.
/// </summary>
public sealed class IndexedEntity
{
    public int IndexGeneration { get; set; }

    /// <summary>Lower-cased entity ref.</summary>
    public required string EntityRef { get; set; }

    public long CatalogGeneration { get; set; }

    public bool Removed { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
