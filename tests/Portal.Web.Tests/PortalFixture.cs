using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// The whole portal, started once for all browser tests as <c>dotnet run --project Portal.AppHost</c> would (from the
/// AppHost's build output, on ports of our own, against the shared test servers), plus headless Chromium.
/// Also serves catalog files over HTTP and from a folder the catalog may read, for the register tests.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const int FrontDoor = 37007;
    public const int Dashboard = 38888;
    public const int FilesPort = 37099;

    private static readonly (string Service, int Port)[] ServicePorts = [("catalog", 37010), ("scaffolder", 37011), ("docs", 37012), ("search", 37013)];

    private readonly string _virtualHost = "web-" + Guid.NewGuid().ToString("N")[..10];
    private Process? _apphost;
    private IPlaywright? _playwright;

    public string BaseUrl => $"http://127.0.0.1:{FrontDoor}";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A folder the catalog may read files from (an allowed root).</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "portal-web-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Files served at <c>http://127.0.0.1:37099/&lt;name&gt;</c> (an allowed host).</summary>
    public CatalogFileServer Files { get; } = new(FilesPort);

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
        await rabbit.EnsureVirtualHostAsync(_virtualHost, CancellationToken.None);
        _apphost = StartAppHost(postgres.ConnectionString("postgres"), rabbit.AmqpUri(_virtualHost));
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
            async () => await TryGetAsync($"http://127.0.0.1:{Dashboard}/api/resources"),
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
        await rabbit.DeleteVirtualHostAsync(_virtualHost, CancellationToken.None);
        Directory.Delete(FilesRoot, recursive: true);
    }

    private Process StartAppHost(string postgres, string messaging)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var repository = FindRepository();
        // Through env --default-signal=INT: a test run started in the background inherits SIGINT ignored, and Ctrl+C must still work.
        var start = new ProcessStartInfo("env") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(repository, "Portal.AppHost", "bin", configuration, "net10.0", "Portal.AppHost.dll"));
        start.Environment["ConnectionStrings__postgres"] = postgres;
        start.Environment["ConnectionStrings__messaging"] = messaging;
        start.Environment["AppHost__FrontDoorPort"] = FrontDoor.ToString(CultureInfo.InvariantCulture);
        start.Environment["AppHost__DashboardPort"] = Dashboard.ToString(CultureInfo.InvariantCulture);
        foreach (var (service, port) in ServicePorts)
        {
            start.Environment[$"AppHost__Services__{service}__Port"] = port.ToString(CultureInfo.InvariantCulture);
        }

        // The services inherit these: the register tests read from our folder and our file server.
        start.Environment["Catalog__Locations__AllowedRoots__0"] = FilesRoot;
        start.Environment["Catalog__Locations__AllowedHosts__0"] = $"127.0.0.1:{FilesPort}";
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
