using System.Net;
using System.Text.Json;

namespace Portal.Web.Clients;

/// <summary>What a service call gave: a value, or a message a person can act on (and the HTTP status when there was one).</summary>
public sealed record ApiResult<T>(T? Value, string? Error, HttpStatusCode? Status = null)
{
    public bool Ok => Error is null;

    public bool NotFound => Status == HttpStatusCode.NotFound;

    public static ApiResult<T> Success(T value) => new(value, null, HttpStatusCode.OK);
}

/// <summary>Turns HTTP answers and failures into <see cref="ApiResult{T}"/>, reading RFC 7807 problem details when given.</summary>
internal static class ApiCall
{
    public static async Task<ApiResult<T>> SendAsync<T>(
        string service, Func<CancellationToken, Task<HttpResponseMessage>> send, Func<HttpContent, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await send(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return ApiResult<T>.Success(await read(response.Content, cancellationToken));
            }

            return new ApiResult<T>(default, await DescribeAsync(service, response, cancellationToken), response.StatusCode);
        }
        catch (HttpRequestException exception)
        {
            return new ApiResult<T>(default, $"The {service} service cannot be reached ({exception.Message}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiResult<T>(default, $"The {service} service did not answer in time.");
        }
        catch (JsonException exception)
        {
            return new ApiResult<T>(default, $"The {service} service sent an answer this page cannot read ({exception.Message}).");
        }
    }

    public static Task<ApiResult<JsonElement>> GetJsonAsync(HttpClient http, string service, string path, CancellationToken cancellationToken) =>
        SendAsync(service, ct => http.GetAsync(path, ct), ReadJsonAsync, cancellationToken);

    public static Task<ApiResult<JsonElement>> PostJsonAsync(
        HttpClient http, string service, string path, object body, CancellationToken cancellationToken) =>
        SendAsync(service, ct => http.PostAsync(path, JsonContent(body), ct), ReadJsonAsync, cancellationToken);

    public static HttpContent JsonContent(object body) =>
        new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var text = await content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static async Task<string> DescribeAsync(string service, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (response.StatusCode == HttpStatusCode.Forbidden && Json.Text(root, "permission") is { } permission)
                {
                    // The policy's denial: which permission and which rule (and its line in the policy file) refused it.
                    var line = Json.Number(root, "line") is { } number ? $", line {number}" : "";
                    return $"Not allowed: {permission} (rule '{Json.Text(root, "rule")}'{line}). {Json.Text(root, "detail")}";
                }

                var detail = Json.Text(root, "detail") ?? Json.Text(root, "error", "message") ?? Json.Text(root, "message");
                var title = Json.Text(root, "title") ?? Json.Text(root, "error", "name");
                if (detail is not null || title is not null)
                {
                    return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrWhiteSpace(s)));
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the status line.
        }

        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => $"Not found ({service} answered 404).",
            HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout =>
                $"The {service} service is not available right now ({status}).",
            _ => $"The {service} service answered {status} {response.ReasonPhrase}.",
        };
    }
}
