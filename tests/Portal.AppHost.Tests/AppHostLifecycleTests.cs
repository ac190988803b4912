using System.Diagnostics;
using Portal.Testing;
using Xunit;

namespace Portal.AppHost.Tests;

/// <summary>How the AppHost starts and stops as an operator runs it: whole or not at all, and nothing left behind.</summary>
public sealed class AppHostLifecycleTests
{
    /// <summary>The limit for Ctrl+C and SIGTERM, which the AppHost handles itself.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// After SIGKILL nobody handles the signal: the orchestrator (DCP) notices that the AppHost has gone by polling
    /// it, then stops every resource the same way. Nothing may be left, but on a busy machine it takes longer.
    /// </summary>
    private static readonly TimeSpan KillCleanUpLimit = TimeSpan.FromSeconds(60);

    /// <summary>Run with one replica of each service and with two (DCP's proxy then balances each service's port).</summary>
    [Theory]
    [InlineData("TERM", 1)]
    [InlineData("KILL", 2)]
    public async Task After_the_signal_no_process_of_the_run_and_no_port_remains(string signal, int replicas)
    {
        var ports = new AppHostPorts();
        using var apphost = AppHostRun.StartWithTokens(ports, out var tokens, "--AppHost:DemoCatalog=", $"--AppHost:Replicas={replicas}");
        try
        {
            // The AppHost says where the portal and the dashboard are once the front door is healthy. The limit is for
            // a busy machine: this assembly's three classes each start an AppHost at once, and the two-replica run
            // starts 16 service processes on two cores (once it took over 4 minutes in CI, and 1 to 2 alone).
            var banner = $"Portal is ready: http://127.0.0.1:{ports.FrontDoor}";
            await Eventually.GetAsync(
                () => Task.FromResult(apphost.HasExited || apphost.Output.Contains(banner, StringComparison.Ordinal)),
                ready => ready, TimeSpan.FromMinutes(6), "the AppHost's ready line",
                _ => "not printed; the AppHost's output ends with: " + apphost.Output[Math.Max(0, apphost.Output.Length - 3000)..]);
            Assert.False(apphost.HasExited, apphost.Output);
            Assert.Contains($"Aspire dashboard (resources, logs, traces, metrics): {ports.DashboardUrl}", apphost.Output, StringComparison.Ordinal);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            Assert.True(await AnswersAsync(http, ports.FrontDoorUrl + "/health"));
            var running = apphost.ProcessesOfTheRun();
            foreach (var part in new[] { "dcp", "Aspire.Dashboard", "postgres", "beam.smp", "epmd", "Catalog.Api", "Docs.Api", "Search.Api", "Scaffolder.Api", "Identity.Api", "Scorecards.Api", "Portal.Web" })
            {
                Assert.Contains(running, p => p.CommandLine.Contains(part, StringComparison.Ordinal));
            }

            Assert.Equal(replicas, running.Count(p => p.CommandLine.Contains("Catalog.Api", StringComparison.Ordinal) && !p.CommandLine.StartsWith("dotnet", StringComparison.Ordinal)));
            using (var withToken = new HttpClient(new AutomationTokenHandler(tokens, () => ports.FrontDoor) { InnerHandler = new HttpClientHandler() }) { Timeout = TimeSpan.FromSeconds(5) })
            {
                Assert.True(await AnswersAsync(withToken, ports.FrontDoorUrl + "/api/catalog/entities/by-query?limit=1"), "the front door reaches the catalog");
            }

            if (replicas == 1)
            {
                await A_crashed_service_is_restarted(apphost, ports, http);
            }

            var limit = signal == "KILL" ? KillCleanUpLimit : StopLimit;
            var stopwatch = Stopwatch.StartNew();
            apphost.Signal(signal);
            IReadOnlyList<(int Pid, string CommandLine)> left = running;
            while (stopwatch.Elapsed < limit && (left.Count > 0 || ports.All.Any(AppHostPorts.IsListening)))
            {
                await Task.Delay(250);
                left = apphost.ProcessesOfTheRun();
            }

            Assert.True(left.Count == 0, $"{left.Count} processes of the run still run {limit.TotalSeconds:0} s after SIG{signal}:\n" + string.Join('\n', left.Select(p => $"{p.Pid} {p.CommandLine}")));
            Assert.DoesNotContain(ports.All, AppHostPorts.IsListening);
            if (signal == "TERM")
            {
                // PostgreSQL was shut down, not killed: its next start needs no crash recovery.
                var control = await RunAsync("runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_controldata", Path.Combine(ports.DataDirectory, "postgres", "data"));
                Assert.Contains("Database cluster state:               shut down", control, StringComparison.Ordinal);
            }
        }
        finally
        {
            ports.DeleteData();
        }
    }

    private static async Task A_crashed_service_is_restarted(AppHostRun apphost, AppHostPorts ports, HttpClient http)
    {
        static int? SearchPid(AppHostRun run) => run.ProcessesOfTheRun()
            .Where(p => p.CommandLine.Contains("Search.Api", StringComparison.Ordinal) && !p.CommandLine.StartsWith("dotnet", StringComparison.Ordinal))
            .Select(p => (int?)p.Pid).FirstOrDefault();

        var crashed = SearchPid(apphost)!.Value;
        Process.GetProcessById(crashed).Kill();
        await Eventually.GetAsync(
            async () => SearchPid(apphost) is { } pid && pid != crashed && await AnswersAsync(http, $"http://127.0.0.1:{ports.Search}/health"),
            back => back, TimeSpan.FromMinutes(1), "search restarted after it was killed");
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_line_naming_the_service_and_what_depends_on_it_never_starts()
    {
        var ports = new AppHostPorts();
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, ports.Catalog);
        blocker.Start();
        using var apphost = AppHostRun.Start(ports);
        try
        {
            var expected = $"error: catalog: port {ports.Catalog} is in use by another process";
            await Eventually.GetAsync(
                () => Task.FromResult(apphost.Output), output => output.Contains(expected, StringComparison.Ordinal) || apphost.HasExited,
                TimeSpan.FromMinutes(3), "the port-in-use line");
            var line = apphost.Output.Split('\n').Single(l => l.StartsWith(expected, StringComparison.Ordinal));
            Assert.Contains("AppHost:Services:catalog:Port (environment variable AppHost__Services__catalog__Port)", line, StringComparison.Ordinal);

            // The front door waits for the catalog, so it never starts; the services that do not need it run.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.GetAsync(
                () => AnswersAsync(http, $"http://127.0.0.1:{ports.Search}/health"), up => up, TimeSpan.FromMinutes(2), "search healthy");
            Assert.False(AppHostPorts.IsListening(ports.FrontDoor), "the front door started without the catalog");
            Assert.DoesNotContain(apphost.ProcessesOfTheRun(), p => p.CommandLine.Contains("Portal.Web", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", apphost.Output, StringComparison.Ordinal);
        }
        finally
        {
            await apphost.StopAsync();
            ports.DeleteData();
        }
    }

    [Fact]
    public async Task Missing_postgresql_binaries_are_one_clear_line_and_no_service_starts_without_its_database()
    {
        var ports = new AppHostPorts();
        using var apphost = AppHostRun.Start(ports, "--AppHost:Postgres:BinDirectory=/nonexistent/postgresql/bin");
        try
        {
            var expected = "error: postgres: PostgreSQL 15 is not installed (/nonexistent/postgresql/bin/initdb is missing); install it with: sudo apt-get install -y postgresql-15";
            await Eventually.GetAsync(
                () => Task.FromResult(apphost.Output), output => output.Contains(expected, StringComparison.Ordinal) || apphost.HasExited,
                TimeSpan.FromMinutes(3), "the missing-binaries line");
            Assert.Contains(expected, apphost.Output, StringComparison.Ordinal);

            // Every service needs its database: none of them starts, however long we wait.
            await Task.Delay(TimeSpan.FromSeconds(20));
            Assert.DoesNotContain(apphost.ProcessesOfTheRun(), p => p.CommandLine.Contains(".Api", StringComparison.Ordinal) || p.CommandLine.Contains("Portal.Web", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", apphost.Output, StringComparison.Ordinal);
        }
        finally
        {
            await apphost.StopAsync();
            ports.DeleteData();
        }
    }

    [Fact]
    public async Task The_manifest_lists_every_service_with_the_environment_it_reads()
    {
        var output = Path.Combine(Path.GetTempPath(), "portal-manifest-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        var ports = new AppHostPorts();
        using (var apphost = AppHostRun.Start(ports, "--publisher", "manifest", "--output-path", output))
        {
            Assert.True(apphost.WaitForExit(TimeSpan.FromMinutes(2)), apphost.Output);
        }

        try
        {
            using var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var resources = manifest.RootElement.GetProperty("resources");
            foreach (var (service, database) in new[] { ("catalog", "catalogdb"), ("docs", "docsdb"), ("search", "searchdb"), ("scaffolder", "scaffolderdb"), ("identity", "identitydb"), ("scorecards", "scorecardsdb") })
            {
                var env = resources.GetProperty(service).GetProperty("env");
                Assert.Equal($"{{{database}.connectionString}}", env.GetProperty($"ConnectionStrings__{database}").GetString());
                Assert.Equal("{messaging.connectionString}", env.GetProperty("ConnectionStrings__messaging").GetString());
                // One permission policy for all: the built-in default (no file given here), the demo's platform team its admins.
                Assert.Equal("group:default/team-platform", env.GetProperty("Permissions__AdminGroup").GetString());
                Assert.False(env.TryGetProperty("Permissions__PolicyFile", out _), $"{service} was given a policy file");
                // Deployed, each database is a connection string the deployment provides (no local server in a manifest).
                Assert.True(resources.GetProperty(database).TryGetProperty("connectionString", out _), $"{database} has no connection string");
            }

            var web = resources.GetProperty("web").GetProperty("env");
            foreach (var service in new[] { "catalog", "docs", "search", "scaffolder", "identity", "scorecards" })
            {
                Assert.True(web.TryGetProperty($"services__{service}__http__0", out _), $"the front door is not told where {service} is");
            }

            // Deployed, client secrets are parameters the deployment provides, and there is no development password.
            var identity = resources.GetProperty("identity").GetProperty("env");
            Assert.Equal("{catalog-client-secret.value}", identity.GetProperty("Identity__Clients__catalog__Secret").GetString());
            Assert.Equal("{catalog-client-secret.value}", resources.GetProperty("catalog").GetProperty("env").GetProperty("Authentication__ClientSecret").GetString());
            Assert.False(identity.TryGetProperty("Identity__Development__Password", out _));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
