using System.Globalization;

namespace Portal.LocalServers;

/// <summary>
/// What <c>postmaster.pid</c> says about a running cluster: line 1 is the postmaster's PID, line 4 its port.
/// A file whose process is gone (or is no longer a postgres process) is stale.
/// </summary>
internal sealed record PostmasterPidFile(int Pid, int Port)
{
    public static PostmasterPidFile? Read(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length >= 4
                   && int.TryParse(lines[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                   && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
                ? new PostmasterPidFile(pid, port)
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public bool ProcessIsAlive
    {
        get
        {
            try
            {
                var comm = $"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/comm";
                return File.Exists(comm) && File.ReadAllText(comm).Trim() is "postgres" or "postmaster";
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
