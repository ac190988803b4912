namespace Portal.LocalServers;

/// <summary>
/// Reads a server's log for error messages: only what was written since a given point (logs grow across runs), at
/// most its last 64 KiB, optionally with the first lines that carry an error marker (long crash reports bury the reason).
/// </summary>
internal static class LogTail
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>Where the file ends now; pass it to <see cref="ReadSince"/> after the attempt whose errors matter.</summary>
    public static long Mark(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public static string ReadSince(string path, long mark, int lines = 20, string? errorMarker = null)
    {
        try
        {
            if (!File.Exists(path))
            {
                return $"  (no log at {path})";
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Max(mark <= stream.Length ? mark : 0, stream.Length - MaxBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var written = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var tail = written.TakeLast(lines).ToList();
            var firstErrors = errorMarker is null
                ? []
                : written.Where(line => line.Contains(errorMarker, StringComparison.Ordinal)).Take(3).Where(line => !tail.Contains(line)).ToList();
            return written.Length == 0
                ? "  (nothing new in the log)"
                : Indent(firstErrors.Count == 0 ? tail : [.. firstErrors, "…", .. tail]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"  (cannot read {path}: {exception.Message})";
        }
    }

    public static string Indent(IEnumerable<string> lines) => string.Join('\n', lines.Select(line => "  " + line.TrimEnd('\r')));
}
