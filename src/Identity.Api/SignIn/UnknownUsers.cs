using System.Text;

namespace Identity.Api.SignIn;

/// <summary>The ref an identity without a catalog User gets (with <c>Identity:Resolution:AllowUnknownUsers</c>).</summary>
public static class UnknownUsers
{
    /// <summary><c>user:default/&lt;name&gt;</c> from the username (an email's local part), keeping only characters a name allows.</summary>
    public static string RefFor(string username)
    {
        var local = username.Split('@')[0].Trim().ToLowerInvariant();
        var name = new StringBuilder(local.Length);
        foreach (var character in local)
        {
            name.Append(char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or '_' ? character : '-');
        }

        return $"user:default/{name.ToString().Trim('-', '.', '_')}";
    }
}
