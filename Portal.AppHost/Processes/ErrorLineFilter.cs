namespace Portal.AppHost.Processes;

/// <summary>
/// Picks the lines worth echoing when only errors are wanted: all of standard error, and each console-logger entry
/// at level fail or crit together with its indented continuation lines (message, exception, stack).
/// </summary>
public sealed class ErrorLineFilter
{
    private bool _inErrorEntry;

    public bool IsError(string line, bool fromStandardError)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            _inErrorEntry = true;
            return true;
        }

        if (_inErrorEntry && line.Length > 0 && char.IsWhiteSpace(line[0]))
        {
            return true;
        }

        _inErrorEntry = false;
        return fromStandardError;
    }
}
