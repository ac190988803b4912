using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Permissions;
using Portal.Permissions.Sql;
using Portal.ServiceDefaults.Authentication;
using Scorecards.Api.Infrastructure;

namespace Scorecards.Api.Apis;

/// <summary>
/// <c>scorecard.read</c> gates every read; which entities' scores the caller then sees is narrowed by
/// <c>catalog.entity.read</c>, as a predicate over <c>catalog_entities e</c> applied before paging, counting and rollups.
/// </summary>
public static class ScorecardAccess
{
    public const string Target = "scorecards";

    private static readonly EntityFactColumns EntityRow = new("e.kind", "e.spec_type", "e.owner_refs", "e.system_refs", "e.annotations", "e.labels");

    public static (ProblemHttpResult? Denied, VisibleEntities Visible) Check(PortalUser caller, IPermissionPolicy policy)
    {
        var read = policy.Decide(caller, PortalPermissions.ScorecardRead);
        if (read.Result != DecisionResult.Allow)
        {
            return (PermissionDenials.Forbidden(caller, read, Target), VisibleEntities.None);
        }

        var entities = policy.Decide(caller, PortalPermissions.CatalogEntityRead);
        if (entities.Result == DecisionResult.Allow)
        {
            return (null, VisibleEntities.All);
        }

        var sql = ConditionSql.For(entities, caller.OwnershipEntityRefs, EntityRow, "pe");
        return (null, new VisibleEntities(sql.Sql, sql.Parameters));
    }
}
