using System.Net.Http.Headers;
using System.Text;

namespace Portal.LocalServers;

public sealed class RabbitMqServer(RabbitMqServerOptions options, bool startedByUs)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public bool StartedByUs { get; } = startedByUs;

    public int AmqpPort => options.AmqpPort;

    public int ManagementPort => options.ManagementPort;

    internal string PidFile => Path.Combine(options.BaseDirectory, "pid");

    internal Dictionary<string, string> Environment => new()
    {
        ["HOME"] = options.BaseDirectory,
        ["RABBITMQ_NODENAME"] = options.NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = options.AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = options.DistributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(options.BaseDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(options.BaseDirectory, "log"),
        ["RABBITMQ_PID_FILE"] = PidFile,
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(options.BaseDirectory, "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(options.BaseDirectory, "rabbitmq"),
    };

    /// <summary>The AMQP URI of a virtual host, as Aspire's RabbitMQ resource writes connection strings.</summary>
    public string AmqpUri(string virtualHost = "/") =>
        $"amqp://guest:guest@127.0.0.1:{options.AmqpPort}/{Uri.EscapeDataString(virtualHost)}";

    public async Task EnsureVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        var vhost = Uri.EscapeDataString(name);
        await SendAsync(HttpMethod.Put, $"vhosts/{vhost}", "{}", cancellationToken);
        await SendAsync(HttpMethod.Put, $"permissions/{vhost}/guest", """{"configure":".*","write":".*","read":".*"}""", cancellationToken);
    }

    public Task DeleteVirtualHostAsync(string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"vhosts/{Uri.EscapeDataString(name)}", null, cancellationToken, allowNotFound: true);

    public async Task StopAsync()
    {
        await ProcessRunner.RunAsync(Path.Combine(LocalRabbitMq.BinDirectory, "rabbitmqctl"), ["-n", options.NodeName, "stop"],
            CancellationToken.None, Environment);
    }

    /// <summary>Stops the broker application but keeps the node: clients lose their connections (a broker outage).</summary>
    public Task StopAppAsync() => CtlAsync("stop_app");

    public async Task StartAppAsync()
    {
        await CtlAsync("start_app");
        await Ports.WaitUntilOpenAsync(options.AmqpPort, TimeSpan.FromSeconds(60), () => "RabbitMQ did not reopen its port", CancellationToken.None);
    }

    internal async Task<bool> ManagementAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = Request(HttpMethod.Get, "overview", null);
            using var response = await Http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    internal string LogTail() =>
        Directory.Exists(Path.Combine(options.BaseDirectory, "log"))
            ? string.Join('\n', Directory.GetFiles(Path.Combine(options.BaseDirectory, "log"), "*.log").Select(f => Ports.Tail(f, 10)))
            : "(no log)";

    private async Task CtlAsync(string command)
    {
        var result = await ProcessRunner.RunAsync(Path.Combine(LocalRabbitMq.BinDirectory, "rabbitmqctl"), ["-n", options.NodeName, command],
            CancellationToken.None, Environment);
        if (result.ExitCode != 0)
        {
            throw new LocalServerException($"rabbitmqctl {command} failed: {result.Output}");
        }
    }

    private async Task SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var request = Request(method, path, body);
        using var response = await Http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && !(allowNotFound && response.StatusCode == System.Net.HttpStatusCode.NotFound))
        {
            throw new LocalServerException($"RabbitMQ management API {method} {path} answered {(int)response.StatusCode}");
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, $"http://127.0.0.1:{options.ManagementPort}/api/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
