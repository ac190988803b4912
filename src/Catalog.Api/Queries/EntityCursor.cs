using System.Buffers.Text;
using System.Text.Json;

namespace Catalog.Api.Queries;

/// <summary>
/// The opaque by-query cursor: the query itself (filters, order, full-text term), the direction, the keyset position
/// (last row's sort value and entity ref) and the total count, so later pages neither recount nor drift.
/// </summary>
public sealed record EntityCursor(
    IReadOnlyList<string> Filters,
    EntityOrder? Order,
    string? FullText,
    bool Backward,
    string SortValue,
    string EntityRef,
    long TotalItems,
    int Limit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A hash of the permission scope the total was counted in (<c>EntityScope.Hash</c>); null for everything.</summary>
    public string? Scope { get; init; }

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    public static bool TryDecode(string text, out EntityCursor? cursor)
    {
        try
        {
            cursor = JsonSerializer.Deserialize<EntityCursor>(Base64Url.DecodeFromChars(text), Json);
            return cursor is { Filters: not null, EntityRef: not null, SortValue: not null };
        }
        catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
        {
            cursor = null;
            return false;
        }
    }
}
