using System.Runtime.CompilerServices;
using System.Text.Json;
using Portal.Web.Model;

namespace Portal.Web.Clients;

/// <summary>The scaffolder service's Backstage v2 API: template parameter schemas, tasks and their event stream.</summary>
public sealed class ScaffolderClient(HttpClient http)
{
    private const string Service = "scaffolder";

    public async Task<ApiResult<TemplateParameterSchema>> ParameterSchemaAsync(EntityRef template, CancellationToken cancellationToken)
    {
        var result = await ApiCall.GetJsonAsync(
            http, Service,
            $"/api/scaffolder/v2/templates/{Uri.EscapeDataString(template.Namespace)}/{Uri.EscapeDataString(template.Kind.ToLowerInvariant())}/{Uri.EscapeDataString(template.Name)}/parameter-schema",
            cancellationToken);
        return result.Ok ? ApiResult<TemplateParameterSchema>.Success(TemplateParameterSchema.From(result.Value)) : new(null, result.Error, result.Status);
    }

    public async Task<ApiResult<string>> CreateTaskAsync(EntityRef template, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var result = await ApiCall.PostJsonAsync(http, Service, "/api/scaffolder/v2/tasks", new { templateRef = template.ToString(), values }, cancellationToken);
        return result.Ok && Json.Text(result.Value, "id") is { } id
            ? ApiResult<string>.Success(id)
            : new(null, result.Error ?? "The scaffolder did not return a task id.", result.Status);
    }

    public Task<ApiResult<JsonElement>> TaskAsync(string id, CancellationToken cancellationToken) =>
        ApiCall.GetJsonAsync(http, Service, $"/api/scaffolder/v2/tasks/{Uri.EscapeDataString(id)}", cancellationToken);

    public async Task<ApiResult<List<TaskEvent>>> EventsAsync(string id, long? after, CancellationToken cancellationToken)
    {
        var url = $"/api/scaffolder/v2/tasks/{Uri.EscapeDataString(id)}/events" + (after is { } a ? $"?after={a}" : "");
        var result = await ApiCall.GetJsonAsync(http, Service, url, cancellationToken);
        if (!result.Ok)
        {
            return new(null, result.Error, result.Status);
        }

        var items = result.Value.ValueKind == JsonValueKind.Array ? result.Value.EnumerateArray() : Json.Items(result.Value, "events");
        return ApiResult<List<TaskEvent>>.Success(items.Select(TaskEvent.From).ToList());
    }

    /// <summary>Server-sent events of a task (Backstage's <c>eventstream</c>): each <c>data:</c> line is one event.</summary>
    public async IAsyncEnumerable<TaskEvent> StreamEventsAsync(string id, long? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = $"/api/scaffolder/v2/tasks/{Uri.EscapeDataString(id)}/eventstream" + (after is { } a ? $"?after={a}" : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        var data = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart());
            }
            else if (line.Length == 0 && data.Length > 0)
            {
                using var document = JsonDocument.Parse(data.ToString());
                data.Clear();
                yield return TaskEvent.From(document.RootElement.Clone());
            }
        }
    }
}

/// <summary>One event of a task: a log line of a step, a step status change, or the completion with the task's output.</summary>
public sealed record TaskEvent(long? Id, string Type, string? StepId, string? Status, string Message, DateTimeOffset? CreatedAt, JsonElement? Output)
{
    public static TaskEvent From(JsonElement json)
    {
        var body = Json.Get(json, "body") ?? json;
        DateTimeOffset? created = DateTimeOffset.TryParse(Json.Text(json, "createdAt"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        long? id = Json.Number(json, "id") ?? (long.TryParse(Json.Text(json, "id"), out var parsed) ? parsed : null);
        return new TaskEvent(id, Json.Text(json, "type") ?? "log", Json.Text(body, "stepId"), Json.Text(body, "status"),
            Json.Text(body, "message") ?? "", created, Json.Get(body, "output"));
    }

    public bool Ends => Type is "completion" or "cancelled";
}

/// <summary>A template's form: a title, a description and one page (step) per JSON Schema.</summary>
public sealed record TemplateParameterSchema(string Title, string? Description, IReadOnlyList<(string Title, JsonElement Schema)> Steps)
{
    public static TemplateParameterSchema From(JsonElement json) => new(
        Json.Text(json, "title") ?? "Template",
        Json.Text(json, "description"),
        Json.Items(json, "steps").Select(s => (Json.Text(s, "title") ?? "Parameters", Json.Get(s, "schema") ?? default)).ToList());
}
