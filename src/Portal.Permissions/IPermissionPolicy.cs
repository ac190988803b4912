using Portal.ServiceDefaults.Authentication;

namespace Portal.Permissions;

/// <summary>The policy in force (<c>Permissions:PolicyFile</c>, reloaded when the file changes).</summary>
public interface IPermissionPolicy
{
    /// <summary>
    /// Decides <paramref name="permission"/> for <paramref name="user"/>. <paramref name="actionId"/> is the scaffolder
    /// action for <c>scaffolder.action.execute</c>, so rules can name the actions they cover.
    /// </summary>
    PolicyDecision Decide(PortalUser user, PortalPermission permission, string? actionId = null);
}
