using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;
using Scaffolder.Api.Templates;

namespace Scaffolder.Api.Permissions;

/// <summary>
/// The scaffolder's permissions: <c>scaffolder.template.read</c> on a template (conditional on the Template entity,
/// which this service keeps from the catalog's events), <c>scaffolder.task.create|read|cancel</c>, and
/// <c>scaffolder.action.execute</c> per action id, decided before a task is created and again before each step runs.
/// </summary>
public sealed class ScaffolderAccess(IPermissionPolicy policy)
{
    public bool MayReadTemplate(PortalUser caller, JsonObject templateEntity)
    {
        var decision = policy.Decide(caller, PortalPermissions.ScaffolderTemplateRead);
        return decision.Result == DecisionResult.Allow
               || decision.Permits(EntityFactsJson.From(JsonSerializer.SerializeToElement(templateEntity)), caller.OwnershipEntityRefs);
    }

    /// <summary>The decision denying <paramref name="permission"/> (not an entity permission), or null when it is allowed.</summary>
    public PolicyDecision? Denial(PortalUser caller, PortalPermission permission)
    {
        var decision = policy.Decide(caller, permission);
        return decision.Result == DecisionResult.Allow ? null : decision;
    }

    /// <summary>The first action of <paramref name="template"/> the caller may not execute, with the decision; null when all are allowed.</summary>
    public (string ActionId, PolicyDecision Decision)? ActionDenial(PortalUser caller, TemplateDefinition template)
    {
        foreach (var actionId in template.Steps.Select(step => step.Action).Distinct(StringComparer.Ordinal))
        {
            if (ActionDenial(caller, actionId) is { } denied)
            {
                return (actionId, denied);
            }
        }

        return null;
    }

    public PolicyDecision? ActionDenial(PortalUser caller, string actionId)
    {
        var decision = policy.Decide(caller, PortalPermissions.ScaffolderActionExecute, actionId);
        return decision.Result == DecisionResult.Allow ? null : decision;
    }
}

/// <summary>A step's action was denied by the policy when the step was about to run.</summary>
public sealed class ActionDeniedException(string message) : Exception(message);
