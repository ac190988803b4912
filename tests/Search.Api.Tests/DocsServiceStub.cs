using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.ServiceDefaults.Authentication;
using Portal.Testing;

namespace Search.Api.Tests;

/// <summary>
/// A tiny real HTTP server on a loopback port serving the docs service's <c>GET /api/techdocs/builds</c> shape, with
/// builds the test sets; <see cref="Available"/> false makes it answer 503 like a docs service that is down. It verifies
/// callers' tokens as the real docs service does (<c>AddPortalAuthentication</c>) and records who called.
/// </summary>
public sealed class DocsServiceStub : IAsyncDisposable
{
    private WebApplication? _app;

    public List<object> Builds { get; } = [];

    public bool Available { get; set; } = true;

    public string Address { get; private set; } = "";

    /// <summary>The subjects of the verified tokens the stub was called with.</summary>
    public ConcurrentQueue<string> Callers { get; } = new();

    public async Task StartAsync(TestIdentityProvider identity)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        foreach (var (key, value) in identity.ServiceSettings("docs"))
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddProblemDetails();
        builder.AddPortalAuthentication();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/api/techdocs/builds", (int? limit, string? cursor, PortalUser caller) =>
        {
            Callers.Enqueue(caller.Subject);
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
