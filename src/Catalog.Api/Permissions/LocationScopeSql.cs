using Npgsql;

namespace Catalog.Api.Permissions;

/// <summary>
/// A condition about a location, as SQL over <c>locations</c>: a location meets it when it produced at least one entity
/// other than Location entities and every such entity meets it. So the owner of a location is whoever owns every
/// entity it produced (the default policy lets owners delete their locations); Location entities have no owner and do
/// not count.
/// </summary>
public static class LocationScopeSql
{
    public static string ToSql(EntityScope scope, NpgsqlCommand command, string alias = "locations") =>
        scope.IsEverything
            ? "true"
            : $"""
              (EXISTS (SELECT 1 FROM entities e WHERE e.location_id = {alias}.id AND lower(e.kind) <> 'location')
               AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.location_id = {alias}.id AND lower(e.kind) <> 'location' AND NOT ({scope.ToSql(command, "e")})))
              """;
}
