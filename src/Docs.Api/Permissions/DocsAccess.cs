using System.Text.Json;
using Docs.Api.Model;
using Portal.Permissions;
using Portal.Permissions.Sql;
using Portal.ServiceDefaults.Authentication;

namespace Docs.Api.Permissions;

/// <summary>
/// Docs follow the entity they belong to: reading them needs <c>techdocs.read</c> and <c>catalog.entity.read</c> on the
/// entity, syncing them <c>techdocs.sync</c>. The entity's facts come from this service's own copy of it (the catalog's
/// events, <c>documented_entities.entity</c>), not from a call to the catalog per request: docs are served only for
/// entities known from those events, the copy is exactly as fresh as the docs themselves, and serving a page never
/// waits on (or fails with) the catalog. A docs read the caller may not make answers 404, as if the docs did not exist.
/// </summary>
public sealed class DocsAccess(IPermissionPolicy policy)
{
    private static readonly EntityFactColumns EntityColumn = EntityFactColumns.OfJsonb("entity");

    /// <summary>True when the caller may read every entity's docs, so no entity needs loading to decide.</summary>
    public bool ReadsEverything(PortalUser caller) =>
        policy.Decide(caller, PortalPermissions.CatalogEntityRead).Result == DecisionResult.Allow
        && policy.Decide(caller, PortalPermissions.TechDocsRead).Result == DecisionResult.Allow;

    public bool MayRead(PortalUser caller, DocumentedEntity? entity)
    {
        if (ReadsEverything(caller))
        {
            return true;
        }

        if (entity?.Entity is not { } document)
        {
            return false;
        }

        var facts = EntityFactsJson.From(document.RootElement);
        return policy.Decide(caller, PortalPermissions.CatalogEntityRead).Permits(facts, caller.OwnershipEntityRefs)
               && policy.Decide(caller, PortalPermissions.TechDocsRead).Permits(facts, caller.OwnershipEntityRefs);
    }

    /// <summary>The <c>techdocs.sync</c> decision for the entity: null when allowed, else the decision that denies it.</summary>
    public PolicyDecision? SyncDenial(PortalUser caller, JsonDocument? entity)
    {
        var decision = policy.Decide(caller, PortalPermissions.TechDocsSync);
        var facts = entity is null ? null : EntityFactsJson.From(entity.RootElement);
        var allowed = decision.Result == DecisionResult.Allow || (facts is not null && decision.Permits(facts, caller.OwnershipEntityRefs));
        return allowed ? null : decision;
    }

    /// <summary>A predicate over <c>documented_entities</c> for lists: the rows whose docs the caller may read.</summary>
    public ConditionSql[] ReadFilter(PortalUser caller) =>
    [
        ConditionSql.For(policy.Decide(caller, PortalPermissions.CatalogEntityRead), caller.OwnershipEntityRefs, EntityColumn, "pe"),
        ConditionSql.For(policy.Decide(caller, PortalPermissions.TechDocsRead), caller.OwnershipEntityRefs, EntityColumn, "pd"),
    ];
}
