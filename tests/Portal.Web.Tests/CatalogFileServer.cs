using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Portal.Web.Tests;

/// <summary>A tiny HTTP server for catalog files, standing in for a Git host the catalog is allowed to read from.</summary>
public sealed class CatalogFileServer(int port) : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HttpListener _listener = new();
    private Task? _loop;

    public int Port => port;

    public string UrlOf(string name) => $"http://127.0.0.1:{port}/{name}";

    public void Serve(string name, string content) => _files[name] = content;

    public void Start()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var name = context.Request.Url!.AbsolutePath.TrimStart('/');
            if (_files.TryGetValue(name, out var content))
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                context.Response.ContentType = "text/yaml";
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
