using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;
using Search.Api.Engine;

namespace Search.Api.Apis;

/// <summary>
/// <c>search.read</c> gates every read of the index; what the caller then finds is narrowed by
/// <c>catalog.entity.read</c> and <c>techdocs.read</c> (<see cref="ReadFilter"/>).
/// </summary>
public static class SearchAccess
{
    public const string IndexTarget = "search-index";

    /// <summary>The 403 when <c>search.read</c> is denied; otherwise null and the filter of what the caller may find.</summary>
    public static (ProblemHttpResult? Denied, ReadFilter Filter) Check(PortalUser caller, IPermissionPolicy policy)
    {
        var search = policy.Decide(caller, PortalPermissions.SearchRead);
        if (search.Result != DecisionResult.Allow)
        {
            return (PermissionDenials.Forbidden(caller, search, IndexTarget), ReadFilter.Everything);
        }

        return (null, ReadFilter.For(
            policy.Decide(caller, PortalPermissions.CatalogEntityRead),
            policy.Decide(caller, PortalPermissions.TechDocsRead),
            caller.OwnershipEntityRefs));
    }
}
