using Npgsql;
using Portal.Catalog.Model.Scorecards;

namespace Scorecards.Api.Infrastructure;

/// <summary>
/// An <see cref="EntitySelector"/> as a predicate over <c>catalog_entities e</c>, deciding as
/// <see cref="EntitySelector.Matches"/> does (case-insensitively), so a rescore reads only the entities it applies to.
/// </summary>
public sealed record SelectorSql(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public static SelectorSql For(EntitySelector selector)
    {
        var parts = new List<string> { "TRUE" };
        var parameters = new List<NpgsqlParameter>();
        void Add(IReadOnlyList<string> values, string name, Func<string, string> predicate)
        {
            if (values.Count == 0)
            {
                return;
            }

            parts.Add(predicate("@" + name));
            parameters.Add(new NpgsqlParameter(name, values.Select(v => v.ToLowerInvariant()).ToArray()));
        }

        Add(selector.Kinds, "sel_kinds", p => $"lower(e.kind) = ANY({p})");
        Add(selector.Types, "sel_types", p => $"lower(e.spec_type) = ANY({p})");
        Add(selector.Lifecycles, "sel_lifecycles", p => $"lower(e.lifecycle) = ANY({p})");
        Add(selector.Owners, "sel_owners", p => $"e.owner_refs && {p}");
        Add(selector.Systems, "sel_systems", p => $"e.system_refs && {p}");
        Add(selector.Tags, "sel_tags", p => $"EXISTS (SELECT 1 FROM unnest(e.tags) t WHERE lower(t) = ANY({p}))");
        return new SelectorSql(string.Join(" AND ", parts), parameters);
    }

    public void AddTo(NpgsqlCommand command)
    {
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }
    }
}
