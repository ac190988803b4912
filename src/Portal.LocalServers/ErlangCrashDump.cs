namespace Portal.LocalServers;

/// <summary>
/// An Erlang VM that dies while booting writes <c>erl_crash.dump</c> (at ERL_CRASH_DUMP); its third line, the
/// "Slogan", says why. A node started detached has no other output, so this is how a failed boot is noticed early.
/// </summary>
internal static class ErlangCrashDump
{
    /// <summary>Polls until a crash dump exists and its slogan is written; returns it (or null when cancelled).</summary>
    public static async Task<string?> WaitForSloganAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (TryReadSlogan(path) is { } slogan)
                {
                    return slogan;
                }

                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string? TryReadSlogan(string path)
    {
        try
        {
            return File.Exists(path)
                ? File.ReadLines(path).Take(5).FirstOrDefault(line => line.StartsWith("Slogan: ", StringComparison.Ordinal))?["Slogan: ".Length..]
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
