using Identity.Api.Infrastructure;
using Portal.Audit;

namespace Identity.Api.Audit;

/// <summary>
/// Records sign-ins (the login page and the password grant) in the audit log, through the outbox: who signed in, or
/// which username was tried and why it failed. The password is never recorded.
/// </summary>
public sealed class SignInAudit(IdentityDbContext db, AuditLog audit)
{
    public const string WrongPassword = "wrong password";
    public const string NoCatalogUser = "no catalog user";
    public const string PasswordSignInOff = "password sign-in is off";

    public Task SucceededAsync(string userRef, string? username, CancellationToken ct) =>
        SaveAsync(audit.Entry(userRef, AuditActors.User, AuditActions.SignIn, Tried(username), AuditOutcomes.Succeeded, reason: null), ct);

    public Task FailedAsync(string? username, string reason, CancellationToken ct) =>
        SaveAsync(audit.Entry(AuditActors.Anonymous, AuditActors.User, AuditActions.SignIn, Tried(username), AuditOutcomes.Failed, reason), ct);

    private static string Tried(string? username) => username?.Trim() ?? "";

    private async Task SaveAsync(Portal.Contracts.Audit.V1.AuditRecorded entry, CancellationToken ct)
    {
        db.AddAuditEntry(entry);
        await db.SaveChangesAsync(ct);
    }
}
