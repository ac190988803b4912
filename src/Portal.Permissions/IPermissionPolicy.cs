using Portal.ServiceDefaults.Authentication;

namespace Portal.Permissions;

/// <summary>The policy in force (<c>Permissions:PolicyFile</c>, reloaded when the file changes).</summary>
public interface IPermissionPolicy
{
    PolicyDecision Decide(PortalUser user, PortalPermission permission);
}
