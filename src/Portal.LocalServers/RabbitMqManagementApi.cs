using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Portal.LocalServers;

/// <summary>
/// The management plugin's HTTP API on 127.0.0.1, as <paramref name="login"/>, or else as the default guest/guest user
/// (allowed on loopback only, and only on a node that still has it).
/// </summary>
public sealed class RabbitMqManagementApi(int port, NetworkCredential? login = null)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private readonly AuthenticationHeaderValue _authorization = new(
        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login?.UserName ?? "guest"}:{login?.Password ?? "guest"}")));

    public int Port => port;

    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var response = await SendAsync(HttpMethod.Get, "overview", null, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True when the API answers at all, whether or not it lets this login in.</summary>
    public async Task<bool> IsUpAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var response = await SendAsync(HttpMethod.Get, "overview", null, timeout.Token);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True when this login is a user with access to the API; false when the API refuses it (401).</summary>
    public async Task<bool> AcceptsLoginAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "whoami", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return false;
        }

        await EnsureSuccessAsync(response, HttpMethod.Get, "whoami", cancellationToken);
        return true;
    }

    public async Task<bool> WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AnswersAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(250, cancellationToken);
        }

        return true;
    }

    public async Task PutAsync(string path, string jsonBody, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, path, jsonBody, cancellationToken);
        await EnsureSuccessAsync(response, HttpMethod.Put, path, cancellationToken);
    }

    /// <summary>The JSON a GET of <c>/api/{path}</c> answers.</summary>
    public async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        await EnsureSuccessAsync(response, HttpMethod.Get, path, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>The JSON a POST of <c>/api/{path}</c> answers (publishing to an exchange, getting messages from a queue).</summary>
    public async Task<string> PostAsync(string path, string jsonBody, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, jsonBody, cancellationToken);
        await EnsureSuccessAsync(response, HttpMethod.Post, path, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, HttpMethod.Delete, path, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{port}/api/{path}"));
        request.Headers.Authorization = _authorization;
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request, cancellationToken);
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LocalServerException(
                $"RabbitMQ's management API on port {port} answered {method} /api/{path} with {(int)response.StatusCode}: {body}");
        }
    }
}
