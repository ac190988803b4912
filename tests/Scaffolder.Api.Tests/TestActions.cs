using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Scaffolder.Api.Actions;

namespace Scaffolder.Api.Tests;

/// <summary><c>test:wait</c>: waits <c>ms</c> milliseconds (for cancel and timeout tests). Plugged in like any custom action.</summary>
public sealed class WaitAction : IScaffolderAction
{
    public string Id => "test:wait";

    public string Description => "Waits";

    public JsonObject InputSchema => new() { ["type"] = "object", ["required"] = new JsonArray("ms"), ["properties"] = new JsonObject { ["ms"] = new JsonObject { ["type"] = "integer" } } };

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        await context.LogAsync("waiting");
        await Task.Delay(context.Input["ms"]!.GetValue<int>(), cancellationToken);
    }
}

/// <summary><c>test:count</c>: counts how often each task ran it, across every replica in the process.</summary>
public sealed class CountAction : IScaffolderAction
{
    public static ConcurrentDictionary<Guid, int> Runs { get; } = new();

    public string Id => "test:count";

    public string Description => "Counts runs";

    public JsonObject InputSchema => new() { ["type"] = "object" };

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(context.TaskId, 1, (_, n) => n + 1);
        await Task.Delay(50, cancellationToken);
    }
}
