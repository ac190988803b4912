using System.Diagnostics;

namespace Portal.LocalServers;

/// <summary>Runs a program to completion with arguments passed one by one (no shell), capturing its output.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken,
        IDictionary<string, string>? environment = null, string? runAsUser = null)
    {
        var start = new ProcessStartInfo(runAsUser is null ? fileName : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is not null)
        {
            foreach (var part in new[] { "-u", runAsUser, "--", fileName })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new LocalServerException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, (await stdout + await stderr).Trim());
    }

    public static bool IsRoot => Environment.UserName == "root";
}
