using System.Security.Claims;
using System.Text.Json.Nodes;
using Portal.ServiceDefaults.Authentication;

namespace Scaffolder.Api.Permissions;

/// <summary>
/// Who created a task, kept with it (<c>tasks.principal</c>, never served) so that the worker decides
/// <c>scaffolder.action.execute</c> for that caller when each step runs, on any replica, under the policy in force then.
/// </summary>
public static class TaskPrincipal
{
    public static JsonObject ToJson(PortalUser user) => new()
    {
        ["subject"] = user.Subject,
        ["isService"] = user.IsService,
        ["ownershipEntityRefs"] = new JsonArray(user.OwnershipEntityRefs.Select(r => (JsonNode?)r).ToArray()),
        ["claims"] = new JsonArray(user.Claims.Select(c => (JsonNode?)new JsonObject { ["type"] = c.Type, ["value"] = c.Value }).ToArray()),
    };

    public static PortalUser? FromJson(JsonNode? json)
    {
        if (json is not JsonObject principal || principal["subject"]?.GetValue<string>() is not { Length: > 0 } subject)
        {
            return null;
        }

        var ownership = (principal["ownershipEntityRefs"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).OfType<string>().ToList();
        var claims = (principal["claims"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => new Claim(c["type"]?.GetValue<string>() ?? "", c["value"]?.GetValue<string>() ?? "")).ToList();
        return new PortalUser(subject, principal["isService"]?.GetValue<bool>() == true, ownership,
            claims.FirstOrDefault(c => c.Type == PortalClaims.Name)?.Value, claims.FirstOrDefault(c => c.Type == PortalClaims.Email)?.Value)
        {
            Claims = claims,
        };
    }
}
