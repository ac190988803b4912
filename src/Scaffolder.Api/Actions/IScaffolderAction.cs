using System.Text.Json.Nodes;

namespace Scaffolder.Api.Actions;

/// <summary>
/// A step's action (<c>fetch:template</c>, <c>publish:git</c> …). New actions plug in by registering an implementation
/// of this interface in DI; <c>GET /v2/actions</c> lists them with their input schema, and inputs are validated against it.
/// </summary>
public interface IScaffolderAction
{
    string Id { get; }

    string Description { get; }

    /// <summary>The JSON Schema of the step's <c>input</c>.</summary>
    JsonObject InputSchema { get; }

    /// <summary>The JSON Schema of what the action writes to <c>steps['id'].output</c>.</summary>
    JsonObject OutputSchema => new() { ["type"] = "object" };

    /// <summary>Whether the action runs in a dry run (it must then have no effect outside the workspace).</summary>
    bool SupportsDryRun => true;

    Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken);
}
