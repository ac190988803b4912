using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Portal.ServiceDefaults;

namespace Portal.Web.Gateway;

/// <summary>
/// Once the front door listens, sends <see cref="GatewayWarmUpOptions.Requests"/> spaced requests through its own API
/// gateway, then reports ready. A fresh process serves its first requests through the JIT's first tiers and spends
/// the next seconds recompiling Kestrel's, YARP's and <c>HttpClient</c>'s hot paths: measured, 1.4–2.4 CPU-seconds
/// over the first hundred proxied requests, taken from the services behind it on a shared machine. Warmed here, that
/// work is done before traffic arrives. Its requests run in a trace marked not sampled, so neither the front door nor
/// the service behind it records them: they would be most of the traces an operator sees after a start.
/// </summary>
public sealed partial class GatewayWarmUp(
    IServer server,
    IHostApplicationLifetime lifetime,
    GatewayReadiness readiness,
    IOptions<GatewayWarmUpOptions> options,
    ILogger<GatewayWarmUp> logger) : BackgroundService
{
    /// <summary>The runtime promotes hot methods once their calls have been counted over a quiet moment.</summary>
    private static readonly TimeSpan QuietMoment = TimeSpan.FromMilliseconds(250);
    private const int RequestsPerBurst = 50;

    /// <summary>How the warm-up's requests name themselves to the services, in their logs.</summary>
    public const string UserAgent = "portal-gateway-warm-up";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WarmUpAsync(stoppingToken);
        }
        finally
        {
            readiness.MarkWarm();
        }
    }

    private async Task WarmUpAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Requests <= 0 || !await StartedAsync(stoppingToken) || OwnAddress() is not { } address)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var (sent, failed) = (0, 0);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        budget.CancelAfter(settings.MaxDuration);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        using var unrecorded = UnrecordedTrace.Begin("gateway warm-up");
        try
        {
            for (; sent < settings.Requests; sent++)
            {
                try
                {
                    using var response = await http.GetAsync(settings.Path, budget.Token);
                    await response.Content.LoadIntoBufferAsync(budget.Token);
                    failed += AnsweredByTheService(response.StatusCode) ? 0 : 1;
                }
                catch (Exception exception) when (exception is HttpRequestException
                    || (exception is TaskCanceledException && !budget.IsCancellationRequested))
                {
                    // Unreachable upstream, or one request over the client's timeout: the path was still exercised.
                    failed++;
                }

                await Task.Delay((sent + 1) % RequestsPerBurst == 0 ? QuietMoment : settings.Gap, budget.Token);
            }

            await Task.Delay(QuietMoment, budget.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogCutShort(settings.MaxDuration.TotalSeconds, sent);
            return;
        }

        LogWarmedUp(sent, failed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// The warm-up carries no user's token (it is the front door's own call): the service's 401 is its answer, and the
    /// gateway's path (Kestrel, YARP, <c>HttpClient</c>) was taken all the same.
    /// </summary>
    private static bool AnsweredByTheService(System.Net.HttpStatusCode status) =>
        (int)status is >= 200 and < 300 or 401 or 403;

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The first plain-HTTP address the server listens on, as a client reaches it on this machine.</summary>
    private Uri? OwnAddress()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(address => BindingAddress.Parse(address))
            .FirstOrDefault(binding => binding.Scheme == Uri.UriSchemeHttp && binding.Port > 0);
        if (listening is null)
        {
            return null;
        }

        var host = listening.Host is "+" or "*" or "0.0.0.0" or "[::]" ? "127.0.0.1" : listening.Host;
        return new Uri($"http://{host}:{listening.Port}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API gateway warmed up: {Requests} requests ({Failed} not answered by the service) in {ElapsedMs:0} ms")]
    private partial void LogWarmedUp(int requests, int failed, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API gateway warm-up stopped after {Seconds:0} s and {Requests} requests; reporting ready anyway")]
    private partial void LogCutShort(double seconds, int requests);
}
