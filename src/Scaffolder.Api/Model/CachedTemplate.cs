using System.Text.Json;

namespace Scaffolder.Api.Model;

/// <summary>
/// A Template entity as the catalog last reported it. Kept fresh by catalog events (newer generations win);
/// <see cref="Entity"/> is null once the catalog removed it, so a late older event cannot bring it back.
/// </summary>
public sealed class CachedTemplate
{
    public required string EntityRef { get; set; }

    public JsonDocument? Entity { get; set; }

    public long Generation { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
