namespace Identity.Api.Users;

/// <summary>Who a user token stands for, as <c>GET /api/identity/v1/userinfo</c> answers (Backstage's identity shape).</summary>
public sealed record UserProfile(
    string UserEntityRef,
    IReadOnlyList<string> OwnershipEntityRefs,
    string DisplayName,
    string? Email,
    string? Picture);
