namespace Search.Api.Model;

/// <summary>The docs build indexed for an entity in one index generation; only a later build replaces it.</summary>
public sealed class IndexedDocsSite
{
    public int IndexGeneration { get; set; }

    /// <summary>Lower-cased entity ref.</summary>
    public required string EntityRef { get; set; }

    public Guid BuildId { get; set; }

    public DateTimeOffset BuiltAt { get; set; }

    public int Pages { get; set; }
}
