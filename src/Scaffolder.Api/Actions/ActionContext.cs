using System.Text.Json.Nodes;
using Scaffolder.Api.Sources;

namespace Scaffolder.Api.Actions;

/// <summary>What an action sees while it runs: its rendered input, the workspace, the template's source, a log, its outputs.</summary>
public sealed class ActionContext(
    Guid taskId,
    string templateRef,
    string? user,
    JsonObject input,
    Workspace workspace,
    ITemplateSource templateSource,
    Func<string, Task> log,
    bool isDryRun)
{
    public Guid TaskId => taskId;

    public string TemplateRef => templateRef;

    public string? User => user;

    public JsonObject Input => input;

    public Workspace Workspace => workspace;

    public ITemplateSource TemplateSource => templateSource;

    public bool IsDryRun => isDryRun;

    public JsonObject Output { get; } = [];

    public Task LogAsync(string message) => log(message);

    public void SetOutput(string name, JsonNode? value) => Output[name] = value;

    public string? GetString(string name) => input[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        var other => Templating.JsValues.ToText(other),
    };

    public string RequireString(string name) =>
        GetString(name) is { Length: > 0 } value ? value : throw new ActionInputException($"input '{name}' is required");

    public bool GetBool(string name, bool fallback = false) => input[name] is { } node ? Templating.JsValues.IsTruthy(node) : fallback;

    public IReadOnlyList<string> GetStrings(string name) => input[name] switch
    {
        JsonArray array => array.Select(Templating.JsValues.ToText).ToList(),
        JsonValue single => [Templating.JsValues.ToText(single)],
        _ => [],
    };
}

/// <summary>An action's input is missing or wrong; the task fails with this message.</summary>
public sealed class ActionInputException(string message) : Exception(message);
