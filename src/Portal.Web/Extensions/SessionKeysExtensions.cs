using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Extensions;

/// <summary>
/// The keys that protect sign-in sessions and antiforgery tokens, kept in the folder <c>DataProtection:KeysDirectory</c>
/// names (owner-only) when it is set: every replica of the front door, and the process after a restart, then reads the
/// cookies the others wrote. Without it the keys live in the process's home folder, and a session opened on one
/// replica is unknown to the next.
/// </summary>
internal static class SessionKeysExtensions
{
    public const string KeysDirectorySetting = "DataProtection:KeysDirectory";

    public static void AddSharedSessionKeys(this IHostApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName("Portal.Web");
        if (builder.Configuration[KeysDirectorySetting] is { Length: > 0 } directory)
        {
            protection.PersistKeysToFileSystem(OperatingSystem.IsWindows()
                ? Directory.CreateDirectory(directory)
                : Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }
    }
}
