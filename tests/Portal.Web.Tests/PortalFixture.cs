using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using Portal.Testing;
using Xunit;

namespace Portal.Web.Tests;

/// <summary>
/// The whole portal, started once for all browser tests as <c>dotnet run --project Portal.AppHost</c> would (from the
/// AppHost's build output, with its own PostgreSQL, RabbitMQ, ports and data directory: see <see cref="AppHostRun"/>),
/// plus headless Chromium. Also serves catalog files over HTTP and from a folder the catalog may read, for the register tests.
/// Every browser test runs signed in: the fixture signs <see cref="DefaultUser"/> in once, through the real OpenID
/// Connect code flow at the embedded provider, and new pages reuse that browser state.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>The demo user the browser tests act as (a member of team-checkout).</summary>
    public const string DefaultUser = "amara.okafor";

    private readonly AppHostPorts _ports = new();
    private readonly CookieContainer _cookies = new();
    private readonly Dictionary<string, string> _signedInStates = new(StringComparer.Ordinal);
    private AppHostRun? _apphost;
    private IPlaywright? _playwright;

    public PortalFixture()
    {
        Files = new CatalogFileServer(FreePort());
        Tokens = new PortalTokens(() => BaseUrl, AutomationSecret, DevPassword);
        Http = new HttpClient(new AutomationTokenHandler(Tokens, () => FrontDoor) { InnerHandler = new HttpClientHandler { CookieContainer = _cookies } })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>The development credential of every demo user, given to the AppHost as <c>PORTAL_DEV_PASSWORD</c>.</summary>
    public string DevPassword { get; } = "dev-" + Guid.NewGuid().ToString("N");

    /// <summary>The automation client's secret, given to the AppHost as <c>PORTAL_AUTOMATION_SECRET</c>.</summary>
    public string AutomationSecret { get; } = "automation-" + Guid.NewGuid().ToString("N");

    public PortalTokens Tokens { get; }

    public int FrontDoor => _ports.FrontDoor;

    public string BaseUrl => $"http://127.0.0.1:{FrontDoor}";

    /// <summary>The AppHost's data folder of this run (servers, built docs, the front door's session keys).</summary>
    public string DataDirectory => _ports.DataDirectory;

    /// <summary>The Aspire dashboard: resources, console and structured logs, traces (no login token).</summary>
    public string DashboardUrl => _ports.DashboardUrl;

    /// <summary>The port of the RabbitMQ node's management UI.</summary>
    public int RabbitMqManagementPort => _ports.Management;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A folder the catalog may read files from (an allowed root).</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "portal-web-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Files served at <c>http://127.0.0.1:&lt;port&gt;/&lt;name&gt;</c> (an allowed host).</summary>
    public CatalogFileServer Files { get; }

    /// <summary>
    /// Calls the front door as the tests' own script: <c>/api/*</c> with the automation client's token, pages with
    /// <see cref="DefaultUser"/>'s session cookie.
    /// </summary>
    public HttpClient Http { get; }

    /// <summary>Calls the front door as an anonymous visitor, without following redirects.</summary>
    public HttpClient AnonymousHttp { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };

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
        // The services inherit these: the register tests read from our folder and our file server.
        _apphost = AppHostRun.Start(_ports, new Dictionary<string, string>
        {
            ["Catalog__Locations__AllowedRoots__0"] = FilesRoot,
            ["Catalog__Locations__AllowedHosts__0"] = $"127.0.0.1:{Files.Port}",
            ["PORTAL_DEV_PASSWORD"] = DevPassword,
            ["PORTAL_AUTOMATION_SECRET"] = AutomationSecret,
        });
        try
        {
            await WaitUntilReadyAsync(_apphost);
            await SignedInStateAsync(DefaultUser);
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what we started.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Ready: the front door answers /health with 200 and serves the demo catalog, which the AppHost registers.</summary>
    private async Task WaitUntilReadyAsync(AppHostRun apphost)
    {
        await WaitForAsync(apphost, () => TryStatusAsync($"{BaseUrl}/health"), TimeSpan.FromMinutes(8), "the front door's /health to answer 200");
        await WaitForAsync(
            apphost,
            () => TryStatusAsync($"{BaseUrl}/api/catalog/entities/by-name/component/default/orders-service"),
            TimeSpan.FromSeconds(90), "the demo catalog through the front door");
        await WaitForAsync(apphost, () => Tokens.KnowsUserAsync(DefaultUser), TimeSpan.FromSeconds(90), $"the provider to know {DefaultUser} from the catalog's events");
    }

    /// <summary>Polls <paramref name="ready"/>, failing at once with the AppHost's stderr when it ends or reports an error.</summary>
    private static async Task WaitForAsync(AppHostRun apphost, Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await ready())
        {
            if (apphost.HasExited)
            {
                throw new InvalidOperationException(
                    $"The AppHost ended with exit code {apphost.ExitCode} before {what}: {apphost.Stderr}\nIts last output:\n{apphost.StdoutTail}");
            }

            if (apphost.ReportedError)
            {
                throw new InvalidOperationException($"The AppHost reported an error before {what}: {apphost.Stderr}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; the AppHost's stderr: {apphost.Stderr}\nIts last output:\n{apphost.StdoutTail}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A resource's structured log messages (OpenTelemetry logs), from the Aspire dashboard's telemetry API.</summary>
    public async Task<IReadOnlyList<string>> StructuredLogAsync(string resource)
    {
        var logs = await Http.GetFromJsonAsync<JsonElement>($"{DashboardUrl}/api/telemetry/logs?resource={Uri.EscapeDataString(resource)}&limit=10000");
        return [.. logs.GetProperty("data").GetProperty("resourceLogs").EnumerateArray()
            .SelectMany(resourceLogs => resourceLogs.GetProperty("scopeLogs").EnumerateArray())
            .SelectMany(scopeLogs => scopeLogs.GetProperty("logRecords").EnumerateArray())
            .Select(record => record.TryGetProperty("body", out var body) && body.TryGetProperty("stringValue", out var text) ? text.GetString() ?? "" : "")];
    }

    /// <summary>The values of one attribute over every span of a resource the Aspire dashboard holds.</summary>
    public async Task<IReadOnlyList<string>> SpanAttributeValuesAsync(string resource, string attribute)
    {
        var spans = await Http.GetFromJsonAsync<JsonElement>($"{DashboardUrl}/api/telemetry/spans?resource={Uri.EscapeDataString(resource)}&limit=10000");
        return [.. spans.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
            .SelectMany(resourceSpans => resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            .SelectMany(scopeSpans => scopeSpans.GetProperty("spans").EnumerateArray())
            .SelectMany(span => span.TryGetProperty("attributes", out var attributes) ? attributes.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(pair => pair.GetProperty("key").GetString() == attribute)
            .Select(pair => pair.GetProperty("value").TryGetProperty("stringValue", out var text) ? text.GetString() ?? "" : "")];
    }

    /// <summary>
    /// A fresh browser context and page, 1440×900, signed in as <paramref name="user"/> (by default
    /// <see cref="DefaultUser"/>), or anonymous when <paramref name="user"/> is empty.
    /// </summary>
    public async Task<IPage> NewPageAsync(string? user = DefaultUser)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            StorageState = string.IsNullOrEmpty(user) ? null : await SignedInStateAsync(user),
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The browser state (cookies) of <paramref name="user"/> signed in through the real code flow, signed in once per
    /// user and reused; <see cref="DefaultUser"/>'s session cookie also goes to <see cref="Http"/>.
    /// </summary>
    public async Task<string> SignedInStateAsync(string user)
    {
        if (_signedInStates.TryGetValue(user, out var state))
        {
            return state;
        }

        var page = await NewPageAsync(user: null);
        await page.GotoAsync("/");
        await SignInAtProviderAsync(page, user);
        await page.WaitForURLAsync(BaseUrl + "/");
        await page.WaitForSelectorAsync("body[data-interactive]");
        state = await page.Context.StorageStateAsync();
        if (user == DefaultUser)
        {
            foreach (var cookie in await page.Context.CookiesAsync())
            {
                _cookies.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
            }
        }

        await page.Context.CloseAsync();
        return _signedInStates[user] = state;
    }

    /// <summary>On the provider's sign-in page (where the portal sent the browser): signs in with the development password.</summary>
    public async Task SignInAtProviderAsync(IPage page, string user)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/identity/", StringComparison.Ordinal));
        await page.Locator("input[name=username]").FillAsync(user);
        await page.Locator("input[type=password]").FillAsync(DevPassword);
        await page.Locator("form [type=submit]").First.ClickAsync();
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
        if (_apphost is not null)
        {
            await _apphost.StopAsync();
            _apphost.Dispose();
        }

        _ports.DeleteData();
        Files.Dispose();
        Http.Dispose();
        AnonymousHttp.Dispose();
        if (Directory.Exists(FilesRoot))
        {
            Directory.Delete(FilesRoot, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
