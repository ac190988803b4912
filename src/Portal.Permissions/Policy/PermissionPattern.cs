namespace Portal.Permissions.Policy;

/// <summary>How names in a policy match: permissions with <c>*</c> anywhere (<c>catalog.*</c>, <c>*.read</c>, <c>*</c>); principals and actions with a trailing <c>*</c> as a prefix.</summary>
public static class PermissionPattern
{
    public static bool Matches(string pattern, string permissionName)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return pattern == permissionName;
        }

        if (!permissionName.StartsWith(parts[0], StringComparison.Ordinal) || !permissionName.EndsWith(parts[^1], StringComparison.Ordinal)
            || permissionName.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var position = parts[0].Length;
        var end = permissionName.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = permissionName.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }

    public static bool MatchesPrincipal(string pattern, string subject) =>
        pattern.EndsWith('*')
            ? subject.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, subject, StringComparison.OrdinalIgnoreCase);
}
