using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Portal.ServiceDefaults.BackgroundLoops;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// Reads the provider's revoked subjects (<c>GET api/identity/v1/revoked-subjects?since=</c>, with this service's own
/// token) every <see cref="PortalAuthenticationOptions.RevocationPollInterval"/> into <see cref="RevokedSubjects"/>, so
/// a removed user's tokens stop working within seconds without a network call per request.
/// </summary>
public sealed partial class RevokedSubjectsPoller(
    RevokedSubjects revoked,
    ServiceTokenProvider tokens,
    IHttpClientFactory httpClients,
    IOptions<PortalAuthenticationOptions> options,
    TimeProvider time,
    BackgroundLoopMonitor loops,
    ILogger<RevokedSubjectsPoller> logger) : BackgroundLoop(loops, "revoked-subjects-poller")
{
    /// <summary>Older revocations matter no more: every access token issued before them has expired (15 min by default).</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>Each poll asks again for this much before the newest revocation it knows, for rows committed out of order.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private DateTimeOffset _since;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        _since = time.GetUtcNow() - Retention;
        var failing = false;
        using var timer = new PeriodicTimer(options.Value.RevocationPollInterval, time);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
                if (failing)
                {
                    LogPollRecovered(logger, revoked.Count);
                    failing = false;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (provider down, a bad answer), the service keeps serving and polling: a failure here
                // must never stop the host.
                // One warning per outage, not one per poll; what it says names the endpoint, never a token.
                if (!failing)
                {
                    LogPollFailed(logger, options.Value.RevokedSubjectsUri, exception.Message);
                    failing = true;
                }
            }

            // Alive whether or not the poll worked: an identity provider that is down must not take every service out
            // of readiness with it (the warning above says so); only a loop that stopped or hangs is reported.
            Heartbeat.Alive();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        // Every service polls every few seconds: recorded, the polls were most of the dashboard's traces at rest.
        using var unrecorded = UnrecordedTrace.Begin("poll revoked subjects");
        var address = new UriBuilder(options.Value.RevokedSubjectsUri)
        {
            Query = "since=" + Uri.EscapeDataString(_since.ToString("O", CultureInfo.InvariantCulture)),
        }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await httpClients.CreateClient(AuthenticationExtensions.ProviderHttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            tokens.Forget(token);
        }

        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadFromJsonAsync<RevokedSubjectsPage>(cancellationToken)
                   ?? throw new System.Text.Json.JsonException("The revoked-subjects answer is empty.");
        foreach (var item in page.Items ?? [])
        {
            if (!string.IsNullOrEmpty(item.Subject))
            {
                revoked.Add(item.Subject, item.RevokedAt);
                var since = item.RevokedAt - Overlap;
                _since = since > _since ? since : _since;
            }
        }

        revoked.ForgetBefore(time.GetUtcNow() - Retention);
    }

    private sealed record RevokedSubjectsPage(List<RevokedSubject>? Items);

    private sealed record RevokedSubject(string? Subject, DateTimeOffset RevokedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the revoked subjects from {Address}: {Reason}. Tokens of users removed meanwhile are accepted until this recovers or they expire.")]
    private static partial void LogPollFailed(ILogger logger, Uri address, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the revoked subjects works again ({Count} known).")]
    private static partial void LogPollRecovered(ILogger logger, int count);
}
