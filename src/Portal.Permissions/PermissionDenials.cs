using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Portal.ServiceDefaults.Authentication;

namespace Portal.Permissions;

/// <summary>What a service answers when the policy denies a request: the 403 problem, and the audit record for a mutation.</summary>
public static class PermissionDenials
{
    public const string ForbiddenType = "https://portal.dev/problems/forbidden";

    /// <summary>
    /// 403 problem details: <c>"&lt;who&gt; may not &lt;permission&gt; on &lt;target&gt;: rule '&lt;rule&gt;'"</c>, with
    /// <c>permission</c>, <c>rule</c> and <c>line</c> (null when no rule of the file decided).
    /// </summary>
    public static ProblemHttpResult Forbidden(PortalUser user, PolicyDecision decision, string target)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(decision);
        return TypedResults.Problem(
            detail: $"{user.Subject} may not {decision.Permission} on {target}: rule '{decision.Rule}'",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            type: ForbiddenType,
            extensions: new Dictionary<string, object?>
            {
                ["permission"] = decision.Permission,
                ["rule"] = decision.Rule,
                ["line"] = decision.Line,
            });
    }

    /// <summary>The 403 problem, after recording the denial through <see cref="IAuditDenials"/> when the permission is a mutation and one is registered.</summary>
    public static async Task<ProblemHttpResult> ForbidAsync(
        IServiceProvider services, PortalUser user, PolicyDecision decision, string target, CancellationToken cancellationToken)
    {
        await RecordAsync(services, user, decision, target, cancellationToken);
        return Forbidden(user, decision, target);
    }

    /// <summary>Records a denied mutation through <see cref="IAuditDenials"/> when one is registered (reads are not recorded).</summary>
    public static async Task RecordAsync(
        IServiceProvider services, PortalUser user, PolicyDecision decision, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(decision);
        if (PortalPermissions.Find(decision.Permission) is { IsMutation: true } && services.GetService<IAuditDenials>() is { } audit)
        {
            await audit.RecordDeniedAsync(user, decision, target, cancellationToken);
        }
    }
}
