using System.Text.Json.Nodes;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>An entity read from a location, validated and annotated, ready to be stored with its relations.</summary>
public sealed record ProcessedEntity(
    EntityRef Ref,
    JsonObject Entity,
    string InputHash,
    string? ParentRef,
    IReadOnlyList<EntityRelation> Relations);
