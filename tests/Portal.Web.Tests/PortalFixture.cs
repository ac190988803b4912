using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using Portal.LocalServers;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// The whole portal, started once for all browser tests as <c>dotnet run --project Portal.AppHost</c> would (from the
/// AppHost's build output, on free ports of our own, against the shared test servers), plus headless Chromium.
/// Every run gets its own databases and virtual host, so runs from other checkouts (and what earlier runs created)
/// never leak in. Also serves catalog files over HTTP and from a folder the catalog may read, for the register tests.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>Each service and the database it owns (the name it reads its connection string by).</summary>
    private static readonly (string Service, string Database)[] Services =
        [("catalog", "catalogdb"), ("scaffolder", "scaffolderdb"), ("docs", "docsdb"), ("search", "searchdb")];

    private readonly string _run = Guid.NewGuid().ToString("N")[..10];
    private readonly int _dashboard = FreePort();
    private Process? _apphost;
    private IPlaywright? _playwright;

    public PortalFixture()
    {
        FrontDoor = FreePort();
        Files = new CatalogFileServer(FreePort());
    }

    public int FrontDoor { get; }

    public string BaseUrl => $"http://127.0.0.1:{FrontDoor}";

    /// <summary>The AppHost's dashboard: resources and each service's log.</summary>
    public string DashboardUrl => $"http://127.0.0.1:{_dashboard}";

    private string VirtualHost => "web-" + _run;

    private string DatabaseOf(string database) => $"web_{_run}_{database}";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A folder the catalog may read files from (an allowed root).</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "portal-web-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Files served at <c>http://127.0.0.1:37099/&lt;name&gt;</c> (an allowed host).</summary>
    public CatalogFileServer Files { get; }

    /// <summary>The run's own data folder: built docs, repositories the scaffolder publishes.</summary>
    private string DataDirectory => Path.Combine(Path.GetTempPath(), "portal-web-tests-data-" + _run);

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FilesRoot);
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        Files.Start();
        var postgres = await TestServers.PostgresAsync();
        var rabbit = await TestServers.RabbitMqAsync();
        await rabbit.EnsureVirtualHostAsync(VirtualHost, CancellationToken.None);
        _apphost = StartAppHost(postgres, rabbit.AmqpUri(VirtualHost));
        try
        {
            await WaitUntilReadyAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what we started.
            _apphost.Kill(entireProcessTree: true);
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var apphost = _apphost!;
        await Eventually.GetAsync(
            async () => await TryGetAsync($"{DashboardUrl}/api/resources"),
            r => apphost.HasExited || r is { } list && list.EnumerateArray().Any(x => x.GetProperty("name").GetString() == "web" && x.GetProperty("state").GetString() == "Healthy"),
            TimeSpan.FromMinutes(4), "the web front door Healthy on the dashboard");
        if (apphost.HasExited)
        {
            throw new InvalidOperationException($"The AppHost ended with exit code {apphost.ExitCode}: {await apphost.StandardError.ReadToEndAsync()}");
        }

        await Eventually.GetAsync(
            async () => await TryStatusAsync($"{BaseUrl}/api/catalog/entities/by-name/component/default/orders-service"),
            ok => ok, TimeSpan.FromSeconds(90), "the demo catalog through the front door");
    }

    /// <summary>A fresh browser context (own localStorage) and page, 1440×900.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens a portal page and waits until Blazor has taken it over (clicks before that would be lost).</summary>
    public async Task<IPage> OpenAsync(string path, IPage? page = null)
    {
        page ??= await NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("body[data-interactive]");
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_apphost is { HasExited: false })
        {
            Process.Start("kill", ["-INT", _apphost.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            if (!_apphost.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _apphost.Kill(entireProcessTree: true);
            }
        }

        _apphost?.Dispose();
        Files.Dispose();
        Http.Dispose();
        var rabbit = await TestServers.RabbitMqAsync();
        await rabbit.DeleteVirtualHostAsync(VirtualHost, CancellationToken.None);
        await DropDatabasesAsync();
        Directory.Delete(FilesRoot, recursive: true);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private async Task DropDatabasesAsync()
    {
        var postgres = await TestServers.PostgresAsync();
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        foreach (var (_, database) in Services)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseOf(database)}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process StartAppHost(PostgresServer postgres, string messaging)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var repository = FindRepository();
        // Through env --default-signal=INT: a test run started in the background inherits SIGINT ignored, and Ctrl+C must still work.
        var start = new ProcessStartInfo("env") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(repository, "Portal.AppHost", "bin", configuration, "net10.0", "Portal.AppHost.dll"));
        start.Environment["AppHost__DataDirectory"] = DataDirectory;
        start.Environment["ConnectionStrings__postgres"] = postgres.ConnectionString("postgres");
        start.Environment["ConnectionStrings__messaging"] = messaging;
        start.Environment["AppHost__FrontDoorPort"] = FrontDoor.ToString(CultureInfo.InvariantCulture);
        start.Environment["AppHost__DashboardPort"] = _dashboard.ToString(CultureInfo.InvariantCulture);
        // The AppHost creates this run's databases under the prefix; each service keeps its usual connection string name.
        start.Environment["AppHost__DatabasePrefix"] = DatabaseOf("");
        foreach (var (service, _) in Services)
        {
            start.Environment[$"AppHost__Services__{service}__Port"] = FreePort().ToString(CultureInfo.InvariantCulture);
        }

        // The services inherit these: the register tests read from our folder and our file server.
        start.Environment["Catalog__Locations__AllowedRoots__0"] = FilesRoot;
        start.Environment["Catalog__Locations__AllowedHosts__0"] = $"127.0.0.1:{Files.Port}";
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

    private async Task<JsonElement?> TryGetAsync(string url)
    {
        try
        {
            return await Http.GetFromJsonAsync<JsonElement>(url);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    private async Task<bool> TryStatusAsync(string url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
