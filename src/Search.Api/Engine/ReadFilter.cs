using Npgsql;
using Portal.Permissions;
using Portal.Permissions.Sql;
using Search.Api.Model;

namespace Search.Api.Engine;

/// <summary>
/// What a user may find, as a predicate over the documents alias <c>d</c>: a document is visible when the user may read
/// its entity (<c>catalog.entity.read</c>) and, for a docs page, the entity's docs (<c>techdocs.read</c>). The facts are
/// read from the entity's own document (<c>doc_key = entity_ref</c>), so docs pages follow their entity and a page
/// whose entity is not indexed is hidden from a user with a conditional read. Applied before counting, so results,
/// <c>numberOfResults</c>, facets and suggestions never include what the user may not read.
/// </summary>
public sealed record ReadFilter(string? Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters)
{
    /// <summary>No filter: the caller may read every entity and its docs.</summary>
    public static readonly ReadFilter Everything = new(null, []);

    private static readonly EntityFactColumns EntityRow = new("e.kind", "e.entity_type", "e.owner_refs", "e.system_refs", "e.annotations", "e.labels");

    public static ReadFilter For(PolicyDecision entityRead, PolicyDecision docsRead, IReadOnlyCollection<string> ownershipEntityRefs)
    {
        if (entityRead.Result == DecisionResult.Allow && docsRead.Result == DecisionResult.Allow)
        {
            return Everything;
        }

        if (entityRead.Result == DecisionResult.Allow && docsRead.Result == DecisionResult.Deny)
        {
            return new ReadFilter($"d.type <> '{DocumentTypes.TechDocs}'", []);
        }

        var entity = ConditionSql.For(entityRead, ownershipEntityRefs, EntityRow, "pe");
        var docs = ConditionSql.For(docsRead, ownershipEntityRefs, EntityRow, "pd");
        return new ReadFilter(
            $"EXISTS (SELECT 1 FROM search_documents e WHERE e.index_generation = d.index_generation AND e.doc_key = d.entity_ref " +
            $"AND {entity.Sql} AND (d.type <> '{DocumentTypes.TechDocs}' OR {docs.Sql}))",
            [.. entity.Parameters, .. docs.Parameters]);
    }

    /// <summary><c> AND (predicate)</c>, or nothing when everything may be read.</summary>
    public string And => Sql is null ? "" : $" AND ({Sql})";

    public void AddTo(NpgsqlCommand command)
    {
        foreach (var (name, value) in Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
