using Portal.AppHost.Configuration;
using Portal.AppHost.Resources;

namespace Portal.AppHost.Processes;

/// <summary>Where a service's console lines go: always into its resource's log; to the AppHost's console as configured, prefixed <c>[name]</c>.</summary>
public sealed class ChildOutput(ConsoleOutput mode, TextWriter console)
{
    private readonly Lock _consoleGate = new();

    public Action<string, bool> For(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var filter = new ErrorLineFilter();
        return (line, fromStandardError) =>
        {
            resource.Log.Append(line);
            var echo = mode switch
            {
                ConsoleOutput.All => true,
                ConsoleOutput.Errors => filter.IsError(line, fromStandardError),
                _ => false,
            };
            if (echo)
            {
                lock (_consoleGate)
                {
                    console.WriteLine($"[{resource.Name}] {line}");
                }
            }
        };
    }
}
