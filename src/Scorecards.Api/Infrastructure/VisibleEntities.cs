using Npgsql;

namespace Scorecards.Api.Infrastructure;

/// <summary>Which entities a caller may see, as a predicate over <c>catalog_entities e</c> with its parameters.</summary>
public sealed record VisibleEntities(string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters)
{
    public static readonly VisibleEntities All = new("TRUE", []);

    public static readonly VisibleEntities None = new("FALSE", []);

    /// <summary>Whether everything is visible: then a count need not look at the entities (a removed one has no scores).</summary>
    public bool IsAll => Sql == All.Sql;

    public void AddTo(NpgsqlCommand command)
    {
        foreach (var (name, value) in Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
