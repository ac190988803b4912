using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>
/// The PostgreSQL cluster and RabbitMQ node of a portal the bench started (<c>.data/bench</c>), reached with the
/// superuser and management logins its AppHost generated there.
/// </summary>
public static class BenchServers
{
    private static string DataDirectory => Path.Combine(RunningPortal.RepositoryRoot, ".data", "bench");

    /// <summary>Runs <paramref name="statements"/> on <paramref name="database"/> through psql on the cluster's socket; returns what they print (unaligned, no headers).</summary>
    public static async Task<string> PsqlAsync(string database, params string[] statements)
    {
        var socketDirectory = Path.Combine(DataDirectory, "postgres", "socket");
        var socket = Directory.GetFiles(socketDirectory, ".s.PGSQL.*").FirstOrDefault(f => !f.EndsWith(".lock", StringComparison.Ordinal))
            ?? throw new BenchException($"no PostgreSQL socket in {socketDirectory}");
        var (user, password) = await LoginAsync("postgres");
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-h", socketDirectory, "-p", socket[(socket.LastIndexOf('.') + 1)..], "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-tA"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var statement in statements)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(statement);
        }

        start.Environment["PGPASSWORD"] = password;
        using var psql = Process.Start(start) ?? throw new BenchException("could not start psql");
        var errors = psql.StandardError.ReadToEndAsync();
        var output = await psql.StandardOutput.ReadToEndAsync();
        await psql.WaitForExitAsync();
        return psql.ExitCode == 0
            ? output.Trim()
            : throw new BenchException($"psql {string.Join("; ", statements)} on {database} failed: {await errors}");
    }

    /// <summary>Messages in the node's queues (ready and unacknowledged), error and skipped queues aside, from the management API (its figures lag by up to 5 s).</summary>
    public static async Task<long> QueuedMessagesAsync(int managementPort)
    {
        var (user, password) = await LoginAsync("rabbitmq/management");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var queues = await http.GetFromJsonAsync<JsonElement>("/api/queues?columns=name,messages");
        return queues.EnumerateArray()
            .Where(q => q.GetProperty("name").GetString() is { } name && !name.EndsWith("_error", StringComparison.Ordinal) && !name.EndsWith("_skipped", StringComparison.Ordinal))
            .Sum(q => q.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Number ? messages.GetInt64() : 0);
    }

    private static async Task<(string User, string Password)> LoginAsync(string key)
    {
        using var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "secrets", "local-servers.json")));
        var login = secrets.RootElement.GetProperty(key);
        return (login.GetProperty("user").GetString()!, login.GetProperty("password").GetString()!);
    }
}
