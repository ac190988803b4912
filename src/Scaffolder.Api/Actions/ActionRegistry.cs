using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Scaffolder.Api.Actions;

/// <summary>The built-in and plugged-in actions by id, with their input schemas compiled once.</summary>
public sealed class ActionRegistry(IEnumerable<IScaffolderAction> actions)
{
    private readonly Dictionary<string, IScaffolderAction> _actions = actions.ToDictionary(a => a.Id, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> _schemas = new(StringComparer.Ordinal);

    public IEnumerable<IScaffolderAction> All => _actions.Values.OrderBy(a => a.Id, StringComparer.Ordinal);

    public IScaffolderAction? Find(string id) => _actions.GetValueOrDefault(id);

    public string Describe() => string.Join(", ", _actions.Keys.Order(StringComparer.Ordinal));

    /// <summary>Every way <paramref name="input"/> breaks the action's input schema, as "field: problem" lines.</summary>
    public async Task<IReadOnlyList<string>> ValidateInputAsync(IScaffolderAction action, JsonObject input)
    {
        var schema = await _schemas.GetOrAdd(action.Id, _ => new Lazy<Task<JsonSchema>>(
            () => JsonSchema.FromJsonAsync(action.InputSchema.ToJsonString()))).Value;
        return schema.Validate(input.ToJsonString())
            .Select(error => $"{(string.IsNullOrEmpty(error.Path) || error.Path == "#" ? error.Property ?? "input" : error.Path.TrimStart('#', '/'))}: {error.Kind}")
            .ToList();
    }
}
