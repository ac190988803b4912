namespace Portal.Permissions;

/// <summary>Section <c>Permissions</c>: which policy decides, and who the default policy's admins are.</summary>
public sealed class PermissionsOptions
{
    public const string SectionName = "Permissions";

    /// <summary>The policy file (YAML); unset: the built-in default policy (<c>default-policy.yaml</c>).</summary>
    public string? PolicyFile { get; set; }

    /// <summary>The group <c>${Permissions:AdminGroup}</c> stands for in a policy (the default policy's admins).</summary>
    public string AdminGroup { get; set; } = "group:default/admins";

    /// <summary>How often the policy file's last-write time, size and content hash are checked for a change.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);
}
