using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// A git server for tests, on a free loopback port: bare repositories in a temporary folder served over git's smart
/// HTTP protocol (by <c>git http-backend</c>, which is what libgit2 speaks), and plain files beside them served as
/// static files. Repositories are made and changed with the git command line, as a developer would push.
/// </summary>
public sealed class GitHttpServer : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The folder served: <c>name.git</c> bare repositories and plain files.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("portal-git-served-").FullName;

    /// <summary>Working copies the repositories are pushed from.</summary>
    private string WorkRoot { get; } = Directory.CreateTempSubdirectory("portal-git-work-").FullName;

    /// <summary><c>http://127.0.0.1:port</c>, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary><c>127.0.0.1:port</c>, as an allow list names it.</summary>
    public string Authority => new Uri(BaseUrl).Authority;

    /// <summary>Every request answered, as <c>METHOD /path?query</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(ServeAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    /// <summary>The URL of <paramref name="path"/> on this server (a repository <c>team.git</c>, a file in it, or a plain file).</summary>
    public string Url(string path) => BaseUrl + "/" + path.TrimStart('/');

    /// <summary>Creates the bare repository <c>name.git</c> with one commit of <paramref name="files"/>; returns its URL.</summary>
    public string CreateRepository(string name, IReadOnlyDictionary<string, string> files)
    {
        var work = Path.Combine(WorkRoot, name);
        var bare = Path.Combine(Root, name + ".git");
        Git(WorkRoot, "init", "--quiet", "--initial-branch=main", work);
        Git(Root, "init", "--quiet", "--bare", "--initial-branch=main", bare);
        Git(work, "remote", "add", "origin", bare);
        Push(name, files);
        return Url(name + ".git");
    }

    /// <summary>Commits <paramref name="files"/> (written or overwritten) and deletes <paramref name="deleted"/>, then pushes.</summary>
    public void Push(string name, IReadOnlyDictionary<string, string> files, IEnumerable<string>? deleted = null)
    {
        var work = Path.Combine(WorkRoot, name);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        foreach (var path in deleted ?? [])
        {
            File.Delete(Path.Combine(work, path));
        }

        Git(work, "add", "--all");
        Git(work, "-c", "user.name=Portal Tests", "-c", "user.email=tests@portal.invalid", "commit", "--quiet", "--allow-empty", "-m", "test commit");
        Git(work, "push", "--quiet", "origin", "main");
    }

    /// <summary>Writes a plain file served at <c>/<paramref name="path"/></c>.</summary>
    public string WriteFile(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return Url(path);
    }

    /// <summary>How many times a client started a fetch or clone of <c>name.git</c> (its ref advertisement was asked for).</summary>
    /// <summary>Answers every request under <paramref name="fromPath"/> with 302 to <paramref name="toUrl"/> plus the rest of the path.</summary>
    public void Redirect(string fromPath, string toUrl) => _redirects[fromPath.TrimEnd('/') + "/"] = toUrl.TrimEnd('/') + "/";

    /// <summary>How many clones or fetches of <paramref name="name"/>.git asked for objects (POST git-upload-pack).</summary>
    public int FetchCount(string name) =>
        Requests.Count(r => r.StartsWith($"POST /{name}.git/git-upload-pack", StringComparison.Ordinal));

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString}");
        if (_redirects.FirstOrDefault(r => path.StartsWith(r.Key, StringComparison.Ordinal)) is { Key: not null } redirect)
        {
            context.Response.Redirect(redirect.Value + path[redirect.Key.Length..] + context.Request.QueryString);
            return;
        }

        if (IsSmartGitRequest(path))
        {
            await GitCgi.ServeAsync(context, Root);
            return;
        }

        await ServeStaticAsync(context, path);
    }

    private static bool IsSmartGitRequest(string path) =>
        path.Contains(".git/", StringComparison.Ordinal)
        && (path.EndsWith("/info/refs", StringComparison.Ordinal)
            || path.EndsWith("/git-upload-pack", StringComparison.Ordinal)
            || path.EndsWith("/git-receive-pack", StringComparison.Ordinal));

    /// <summary>Plain files under <see cref="Root"/>; nothing inside a repository is served this way.</summary>
    private async Task ServeStaticAsync(HttpContext context, string path)
    {
        var full = Path.GetFullPath(Path.Combine(Root, Uri.UnescapeDataString(path).TrimStart('/')));
        var insideRepository = path.Split('/').Any(segment => segment.EndsWith(".git", StringComparison.Ordinal));
        if (context.Request.Method != HttpMethods.Get || insideRepository || !full.StartsWith(Root + "/", StringComparison.Ordinal) || !File.Exists(full))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = full.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/plain; charset=utf-8";
        await context.Response.SendFileAsync(full, context.RequestAborted);
    }

    private static void Git(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start git");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
        Directory.Delete(WorkRoot, recursive: true);
    }
}
