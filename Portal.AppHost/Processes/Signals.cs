using System.Runtime.InteropServices;

namespace Portal.AppHost.Processes;

/// <summary>POSIX signals to a process group (each child leads one, see <see cref="ChildProcess"/>).</summary>
internal static partial class Signals
{
    public const int Terminate = 15;
    public const int Kill = 9;

    /// <summary>Signals every process in the group led by <paramref name="processGroupId"/>; false when none is left.</summary>
    public static bool SendToGroup(int processGroupId, int signal) => processGroupId > 1 && NativeKill(-processGroupId, signal) == 0;

    public static bool SendToProcess(int pid, int signal) => pid > 1 && NativeKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
