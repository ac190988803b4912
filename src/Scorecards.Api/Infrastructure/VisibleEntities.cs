using Npgsql;

namespace Scorecards.Api.Infrastructure;

/// <summary>Which entities a caller may see, as a predicate over <c>catalog_entities e</c> with its parameters.</summary>
public sealed record VisibleEntities(string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters)
{
    public static readonly VisibleEntities All = new("TRUE", []);

    public static readonly VisibleEntities None = new("FALSE", []);

    public void AddTo(NpgsqlCommand command)
    {
        foreach (var (name, value) in Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
