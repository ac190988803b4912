namespace Portal.Bench;

/// <summary>Progress for the person watching, on stderr, so stdout holds only the JSON figures.</summary>
public static class Progress
{
    private static readonly bool IsVerbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";

    public static void Write(string? line)
    {
        if (line is not null)
        {
            Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {line}");
        }
    }

    public static void Verbose(string? line)
    {
        if (IsVerbose)
        {
            Write(line);
        }
    }
}
