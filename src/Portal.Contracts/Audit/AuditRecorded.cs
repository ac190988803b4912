namespace Portal.Contracts.Audit.V1;

/// <summary>
/// Something was done, or refused, in a Portal service: one entry of the audit log. Written through the service's
/// outbox in the same transaction as the change it records (a denial: in a transaction of its own), so a change is
/// never committed without its entry. The identity service stores every entry; other teams may subscribe too.
/// </summary>
/// <param name="AuditId">Identifies the entry; the same across redeliveries (de-duplicate on it).</param>
/// <param name="Actor">
/// Who acted: a user's entity ref (<c>user:default/amara.okafor</c>), a service's subject (<c>plugin:scaffolder</c>,
/// <c>external:portal-automation</c>), or <c>anonymous</c> for a sign-in that failed.
/// </param>
/// <param name="ActorKind"><c>user</c> or <c>service</c>.</param>
/// <param name="Action">The permission name of the mutation (<c>catalog.location.create</c>), or <c>identity.sign-in</c>.</param>
/// <param name="Target">
/// What was acted on: an entity ref, a location as <c>type:target</c> (<c>url:https://…</c>), a task id, <c>search-index</c>,
/// <c>*</c> for every location, or the username tried for a sign-in.
/// </param>
/// <param name="Outcome"><c>succeeded</c>, <c>denied</c> or <c>failed</c>.</param>
/// <param name="Reason">The deciding rule of a denial, why a sign-in failed; null otherwise. Never a secret.</param>
/// <param name="TraceId">The W3C trace id of the request (32 hex digits), null when none was traced.</param>
/// <param name="Service">The service that recorded the entry (<c>catalog</c>, <c>scaffolder</c>, <c>search</c>, <c>docs</c>, <c>identity</c>).</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record AuditRecorded(
    Guid AuditId,
    string Actor,
    string ActorKind,
    string Action,
    string Target,
    string Outcome,
    string? Reason,
    string? TraceId,
    string Service,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
