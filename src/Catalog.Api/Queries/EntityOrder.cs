namespace Catalog.Api.Queries;

/// <summary>A sort field (dotted path into the entity) and direction.</summary>
public sealed record EntityOrder(string Field, bool Descending)
{
    /// <summary>SQL for the sort value: the field's text, empty when missing, so keyset comparisons are total.</summary>
    public string Expression(Npgsql.NpgsqlCommand command) =>
        $"coalesce(processed #>> {EntityFilter.Add(command, Field.Split('.'))}, '')";

    /// <summary><c>asc:metadata.name</c> (GET /entities) or <c>metadata.name,asc</c> (by-query orderField).</summary>
    public static bool TryParse(string text, bool fieldFirst, out EntityOrder? order, out string? error)
    {
        var parts = text.Split(fieldFirst ? ',' : ':', 2, StringSplitOptions.TrimEntries);
        var (field, direction) = fieldFirst
            ? (parts[0], parts.Length > 1 ? parts[1] : "asc")
            : parts.Length == 2 ? (parts[1], parts[0]) : (parts[0], "asc");
        if (field.Length == 0 || direction is not ("asc" or "desc"))
        {
            order = null;
            error = fieldFirst
                ? $"orderField '{text}' must be 'field,asc' or 'field,desc'"
                : $"order '{text}' must be 'asc:field' or 'desc:field'";
            return false;
        }

        order = new EntityOrder(field, direction == "desc");
        error = null;
        return true;
    }
}
