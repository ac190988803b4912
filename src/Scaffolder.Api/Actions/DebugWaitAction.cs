using System.Globalization;
using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary>
/// <c>debug:wait</c>: waits the given <c>minutes</c>, <c>seconds</c> and <c>milliseconds</c> (added up, at most ten
/// minutes), as Backstage's action of that name: for templates under development and for drills that need a task
/// caught in the middle of a step.
/// </summary>
public sealed class DebugWaitAction : IScaffolderAction
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    public string Id => "debug:wait";

    public string Description => "Waits a certain period of time.";

    public JsonObject InputSchema => Schemas.Object([],
        ("minutes", Number("Waiting period in minutes.")),
        ("seconds", Number("Waiting period in seconds.")),
        ("milliseconds", Number("Waiting period in milliseconds.")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMinutes(Read(context, "minutes")) + TimeSpan.FromSeconds(Read(context, "seconds"))
                   + TimeSpan.FromMilliseconds(Read(context, "milliseconds"));
        if (wait > Longest)
        {
            throw new ActionInputException($"the wait of {wait} is longer than the longest allowed, {Longest}");
        }

        await context.LogAsync(string.Create(CultureInfo.InvariantCulture, $"Waiting {wait.TotalSeconds:0.###} s"));
        await Task.Delay(wait, cancellationToken);
    }

    private static JsonObject Number(string title) => new() { ["title"] = title, ["type"] = "number", ["minimum"] = 0 };

    private static double Read(ActionContext context, string name) => context.Input[name] is { } value ? value.GetValue<double>() : 0;
}
