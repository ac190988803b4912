namespace Portal.Catalog.Model;

/// <summary>The relations an entity's spec declares (each with its reverse) and the references that could not be read.</summary>
public sealed record RelationBuildResult(IReadOnlyList<EntityRelation> Relations, IReadOnlyList<EntityProblem> Problems);
