namespace Portal.LocalServers;

/// <summary>How a program run by <see cref="ExternalCommand"/> ended, with its stdout and stderr interleaved.</summary>
internal sealed record CommandResult(int ExitCode, IReadOnlyList<string> OutputLines)
{
    public bool Succeeded => ExitCode == 0;

    public string Output => string.Join('\n', OutputLines);

    public string Tail(int lines = 15) => LogTail.Indent(OutputLines.TakeLast(lines));
}
