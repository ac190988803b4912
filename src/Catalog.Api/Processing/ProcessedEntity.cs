using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>
/// An entity read from a location, validated and annotated, ready to be stored with its relations; its stored forms
/// (JSON, filter document, search text) are computed here, on the processing cores, not while streaming to the database.
/// </summary>
public sealed record ProcessedEntity(
    EntityRef Ref,
    JsonObject Entity,
    string InputHash,
    string? ParentRef,
    IReadOnlyList<EntityRelation> Relations)
{
    public string Kind { get; } = Entity["kind"]!.ToString();

    public string Json { get; } = Entity.ToJsonString();

    public string FilterDoc { get; } = FilterDocument.Build(Entity);

    public string SearchText { get; } = FilterDocument.SearchText(Entity);
}
