using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Testing;
using Xunit;

namespace Portal.AppHost.Tests;

/// <summary>
/// Runs the real AppHost (as `dotnet run` would, on other ports, against the test servers) and checks that the whole
/// system comes up healthy, the front door reaches the catalog with the demo catalog loaded, and Ctrl+C leaves nothing behind.
/// </summary>
public sealed class AppHostEndToEndTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    private const int FrontDoor = 17007;
    private const int Dashboard = 28888;

    [Fact]
    public async Task The_apphost_starts_every_service_healthy_behind_the_front_door_and_stops_cleanly()
    {
        var postgres = await TestServers.PostgresAsync();
        using var apphost = Start(postgres.ConnectionString("postgres"), broker.ConnectionString);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var resources = await Eventually.GetAsync(
                async () => await TryGetAsync(http, $"http://127.0.0.1:{Dashboard}/api/resources"),
                r => r is { } list && list.EnumerateArray().All(x => x.GetProperty("state").GetString() == "Healthy"),
                TimeSpan.FromMinutes(3), "every resource Healthy on the dashboard");
            Assert.Equal(["postgres", "rabbitmq", "catalog", "docs", "search", "scaffolder", "web"],
                resources!.Value.EnumerateArray().Select(r => r.GetProperty("name").GetString()));

            foreach (var port in new[] { 17010, 17011, 17012, 17013, FrontDoor })
            {
                var health = await http.GetAsync($"http://127.0.0.1:{port}/health");
                Assert.True(health.IsSuccessStatusCode, $"/health on {port}: {(int)health.StatusCode}");
                Assert.True((await http.GetAsync($"http://127.0.0.1:{port}/alive")).IsSuccessStatusCode);
            }

            var orders = await Eventually.GetAsync(
                async () => await http.GetAsync($"http://127.0.0.1:{FrontDoor}/api/catalog/entities/by-name/component/default/orders-service"),
                r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the demo catalog through the front door");
            var entity = await orders.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("team-checkout", entity.GetProperty("spec").GetProperty("owner").GetString());
            // The demo catalog flows on through events: indexed by search, its documented component's docs built.
            await Eventually.GetAsync(
                async () => await TryGetAsync(http, $"http://127.0.0.1:{FrontDoor}/api/search/query?term=orders"),
                r => r is { } body && body.GetProperty("results").EnumerateArray()
                    .Any(hit => hit.GetProperty("document").GetProperty("title").GetString() == "Orders service"),
                TimeSpan.FromSeconds(60), "the demo's orders-service searchable through the front door");
            await Eventually.GetAsync(
                async () => await http.GetAsync($"http://127.0.0.1:{FrontDoor}/api/techdocs/static/docs/default/component/orders-service/"),
                r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the demo's docs served through the front door");
            Assert.True((await http.GetAsync($"http://127.0.0.1:{FrontDoor}/api/scaffolder/v2/actions")).IsSuccessStatusCode);
            Assert.Contains("Portal", await http.GetStringAsync($"http://127.0.0.1:{Dashboard}/"), StringComparison.Ordinal);

            var pids = resources.Value.EnumerateArray().Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number)
                .Select(r => r.GetProperty("pid").GetInt32()).ToList();
            Assert.Equal(5, pids.Count);

            Interrupt(apphost);
            Assert.True(apphost.WaitForExit(TimeSpan.FromSeconds(60)), "the AppHost stops within a minute of Ctrl+C");
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"service process {pid} is still running"));
        }
        finally
        {
            if (!apphost.HasExited)
            {
                apphost.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_port_in_use_ends_the_apphost_with_one_clear_message()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 17110);
        blocker.Start();
        var postgres = await TestServers.PostgresAsync();
        using var apphost = Start(postgres.ConnectionString("postgres"), broker.ConnectionString, catalogPort: 17110, dashboard: 28889);
        var stderr = apphost.StandardError.ReadToEndAsync();
        var exited = apphost.WaitForExit(TimeSpan.FromSeconds(60));
        if (!exited)
        {
            apphost.Kill(entireProcessTree: true);
        }

        Assert.True(exited, "the AppHost ends by itself when a port is taken");
        Assert.Equal(2, apphost.ExitCode);
        var message = await stderr;
        Assert.Contains("port 17110 is in use by another process", message, StringComparison.Ordinal);
        Assert.Contains("AppHost__Services__catalog__Port", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    private static Process Start(string postgres, string messaging, int catalogPort = 17010, int dashboard = Dashboard)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var repository = FindRepository();
        // Through env --default-signal=INT: a test run started in the background inherits SIGINT ignored, and Ctrl+C must still work.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(repository, "Portal.AppHost", "bin", configuration, "net10.0", "Portal.AppHost.dll"));
        start.Environment["ConnectionStrings__postgres"] = postgres;
        start.Environment["ConnectionStrings__messaging"] = messaging;
        // Databases of this run's own on the shared test server: nothing left by another run (or checkout) is seen.
        start.Environment["AppHost__DatabasePrefix"] = "e2e_" + Guid.NewGuid().ToString("N")[..8] + "_";
        start.Environment["AppHost__FrontDoorPort"] = FrontDoor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AppHost__DashboardPort"] = dashboard.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AppHost__Services__catalog__Port"] = catalogPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AppHost__Services__scaffolder__Port"] = "17011";
        start.Environment["AppHost__Services__docs__Port"] = "17012";
        start.Environment["AppHost__Services__search__Port"] = "17013";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

    private static async Task<JsonElement?> TryGetAsync(HttpClient http, string url)
    {
        try
        {
            return await http.GetFromJsonAsync<JsonElement>(url);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static void Interrupt(Process process) => Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
}
