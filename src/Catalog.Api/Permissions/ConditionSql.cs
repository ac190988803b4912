using System.Text.Json.Nodes;
using Catalog.Api.Processing;
using Catalog.Api.Queries;
using Npgsql;
using Portal.Permissions;

namespace Catalog.Api.Permissions;

/// <summary>
/// A policy condition as SQL over a row of <c>entities</c>: containment on the GIN-indexed filter document wherever it
/// can (kind, <c>spec.type</c>, <c>relations.partof</c>, labels and annotations; owners have an index of their own), the
/// processed entity only to make annotation and label matches exact. Keys and refs compare case-insensitively as in
/// filters; annotation and label values exactly, as <see cref="HasAnnotation.IsMetBy"/> does.
/// </summary>
public static class ConditionSql
{
    public static string ToSql(PermissionCondition condition, IReadOnlyCollection<string> ownershipRefs, NpgsqlCommand command, string alias) =>
        condition switch
        {
            IsEntityOwner => OwnedByAny(command, alias, ownershipRefs),
            IsEntityKind kind => $"lower({alias}.kind) = ANY({EntityFilter.Add(command, kind.Kinds.Select(k => k.ToLowerInvariant()).ToArray())})",
            HasSpecType type => AnyContains(command, alias, "spec.type", type.Types),
            IsInSystem system => AnyContains(command, alias, "relations.partof", [system.SystemRef]),
            HasAnnotation annotation => MetadataEntry(command, alias, "annotations", annotation.Annotation, annotation.Value),
            HasLabel label => MetadataEntry(command, alias, "labels", label.Label, label.Value),
            AllOf all => Combine(all.Conditions, " AND ", "true", ownershipRefs, command, alias),
            AnyOf any => Combine(any.Conditions, " OR ", "false", ownershipRefs, command, alias),
            Not not => $"NOT ({ToSql(not.Condition, ownershipRefs, command, alias)})",
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "a condition the catalog cannot translate"),
        };

    private static string Combine(
        IReadOnlyList<PermissionCondition> conditions, string separator, string empty, IReadOnlyCollection<string> ownershipRefs, NpgsqlCommand command, string alias) =>
        conditions.Count == 0
            ? empty
            : "(" + string.Join(separator, conditions.Select(c => "(" + ToSql(c, ownershipRefs, command, alias) + ")")) + ")";

    /// <summary>Owned by one of <paramref name="ownershipRefs"/>: the owners' own index (<c>ix_entities_owned_by</c>), one lookup per ref.</summary>
    private static string OwnedByAny(NpgsqlCommand command, string alias, IReadOnlyCollection<string> ownershipRefs) =>
        ownershipRefs.Count == 0
            ? "false"
            : $"coalesce({alias}.filter_doc -> 'relations.ownedby', '[]'::jsonb) ?| {EntityFilter.Add(command, ownershipRefs.Select(r => r.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray())}";

    /// <summary><c>filter_doc</c> holds one of <paramref name="values"/> under <paramref name="key"/>: one GIN containment per value.</summary>
    private static string AnyContains(NpgsqlCommand command, string alias, string key, IEnumerable<string> values)
    {
        var options = values.Select(v => v.ToLowerInvariant()).Distinct(StringComparer.Ordinal)
            .Select(value => $"{alias}.filter_doc @> {EntityFilter.Add(command, new JsonObject { [key] = new JsonArray(value) }.ToJsonString())}::jsonb")
            .ToList();
        return options.Count == 0 ? "false" : "(" + string.Join(" OR ", options) + ")";
    }

    /// <summary>
    /// An annotation or label, with an exact value when given. A value the filter document holds (up to
    /// <see cref="FilterDocument.MaxValueLength"/> characters) narrows by the index first.
    /// </summary>
    private static string MetadataEntry(NpgsqlCommand command, string alias, string field, string key, string? value)
    {
        // Never null (an entity without the field has neither key nor value), so that not: { … } holds for it.
        var exact = $"{alias}.processed -> 'metadata' -> '{field}'";
        if (value is null)
        {
            return $"coalesce(({exact}) ? {EntityFilter.Add(command, key)}, false)";
        }

        var check = $"coalesce(({exact}) ->> {EntityFilter.Add(command, key)} = {EntityFilter.Add(command, value)}, false)";
        return value.Length <= FilterDocument.MaxValueLength
            ? $"({AnyContains(command, alias, $"metadata.{field}.{key.ToLowerInvariant()}", [value])} AND {check})"
            : check;
    }
}
