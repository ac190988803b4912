using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Search.Api.Tests;

/// <summary>
/// A tiny real HTTP server on a loopback port serving the docs service's <c>GET /api/techdocs/builds</c> shape, with
/// builds the test sets; <see cref="Available"/> false makes it answer 503 like a docs service that is down.
/// </summary>
public sealed class DocsServiceStub : IAsyncDisposable
{
    private WebApplication? _app;

    public List<object> Builds { get; } = [];

    public bool Available { get; set; } = true;

    public string Address { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/api/techdocs/builds", (int? limit, string? cursor) =>
        {
            if (!Available)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            var size = limit ?? 50;
            var start = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            List<object> snapshot;
            lock (Builds)
            {
                snapshot = [.. Builds];
            }

            var items = snapshot.Skip(start).Take(size).ToList();
            var next = start + size < snapshot.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Results.Json(new { items, nextCursor = next }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        });
        await _app.StartAsync();
        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
