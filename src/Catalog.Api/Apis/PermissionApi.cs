using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Catalog.Api.Permissions;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Catalog.Model;
using Portal.Permissions;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

namespace Catalog.Api.Apis;

/// <summary>
/// The decision API, in the shape of Backstage's permission backend: <c>POST /api/permission/authorize</c> answers a batch
/// of "may I?" questions for the caller, so a UI hides what the caller may not do and other services can ask too. With
/// a <c>resourceRef</c> (an entity ref; a location id for location permissions; the action id for
/// <c>scaffolder.action.execute</c>) the answer is ALLOW or DENY for that resource; without one, a conditional decision
/// is CONDITIONAL with its conditions in the policy file's shape.
/// </summary>
public static class PermissionApi
{
    public const int MaxItems = 100;

    public static IEndpointRouteBuilder MapPermissionApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/permission").WithTags("Permissions").MapPost("/authorize", AuthorizeAsync);
        return app;
    }

    public sealed record AuthorizeRequest(List<AuthorizeItem?>? Items);

    public sealed record AuthorizeItem(string? Id, PermissionName? Permission, string? ResourceRef);

    public sealed record PermissionName(string? Name);

    public sealed record AuthorizeResponse(IReadOnlyList<AuthorizeDecision> Items);

    public sealed record AuthorizeDecision(
        string Id, string Result, string Rule, int? Line,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Conditions);

    private static async Task<Results<Ok<AuthorizeResponse>, ProblemHttpResult>> AuthorizeAsync(
        AuthorizeRequest body, PortalUser user, IPermissionPolicy policy, CatalogAccess access, CancellationToken ct)
    {
        if (body.Items is not { Count: > 0 and <= MaxItems } items)
        {
            return Problems.BadRequest($"'items' must hold between 1 and {MaxItems} questions.");
        }

        var questions = new List<(string Id, PortalPermission Permission, string? Resource)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { Id: { Length: > 0 } id, Permission.Name: { Length: > 0 } name } item)
            {
                return Problems.BadRequest($"items[{i}] needs 'id' and 'permission': {{ 'name': … }}.");
            }

            if (PortalPermissions.Find(name) is not { } permission)
            {
                return Problems.BadRequest($"items[{i}] (id '{id}'): unknown permission '{name}'.");
            }

            var resource = string.IsNullOrWhiteSpace(item.ResourceRef) ? null : item.ResourceRef.Trim();
            if (resource is not null && ResourceError(permission, resource) is { } error)
            {
                return Problems.BadRequest($"items[{i}] (id '{id}'): resourceRef '{resource}' {error}.");
            }

            questions.Add((id, permission, resource));
        }

        var answers = new List<AuthorizeDecision>(questions.Count);
        foreach (var (id, permission, resource) in questions)
        {
            var actionId = permission == PortalPermissions.ScaffolderActionExecute ? resource : null;
            var decision = policy.Decide(user, permission, actionId);
            var result = decision.Result switch
            {
                DecisionResult.Allow => "ALLOW",
                DecisionResult.Conditional when resource is null => "CONDITIONAL",
                DecisionResult.Conditional => await ResourceAllowedAsync(user, permission, decision, resource, access, ct) ? "ALLOW" : "DENY",
                _ => "DENY",
            };
            answers.Add(new AuthorizeDecision(id, result, decision.Rule, decision.Line,
                result == "CONDITIONAL" ? PermissionConditionJson.ToJson(decision.Condition!) : null));
        }

        return TypedResults.Ok(new AuthorizeResponse(answers));
    }

    private static string? ResourceError(PortalPermission permission, string resource) => permission.Resource switch
    {
        PermissionResource.Entity when !EntityRef.TryParse(resource, null, "", out _, out _) => "is not a full entity ref (kind:namespace/name)",
        PermissionResource.Location when !Guid.TryParse(resource, out _) => "is not a location id",
        _ => null,
    };

    private static async Task<bool> ResourceAllowedAsync(
        PortalUser user, PortalPermission permission, PolicyDecision decision, string resource, CatalogAccess access, CancellationToken ct)
    {
        var scope = EntityScope.Where(decision.Condition!, user.OwnershipEntityRefs);
        return permission.Resource switch
        {
            PermissionResource.Entity => EntityRef.TryParse(resource, null, "", out var entityRef, out _)
                                         && await access.EntityAllowsAsync(user, scope, entityRef.Key, ct),
            PermissionResource.Location => await access.LocationAllowsAsync(user, scope, Guid.Parse(resource), ct),
            _ => false,
        };
    }
}
