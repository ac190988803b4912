namespace Portal.Catalog.Model;

/// <summary>A directed relation; equal to another when source, type and target match (refs case-insensitively).</summary>
public sealed record EntityRelation(EntityRef Source, string Type, EntityRef Target);
