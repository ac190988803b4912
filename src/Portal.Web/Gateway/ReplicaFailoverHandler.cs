namespace Portal.Web.Gateway;

/// <summary>
/// Sends a <c>GET</c> or <c>HEAD</c> again, up to twice, when it failed before any answer came back (connection refused
/// or reset: its replica was killed, restarted or scaled away). Only those: they change nothing, and nothing of the
/// answer has reached the caller yet. Anything that answered — an error status included — is passed on as it is.
/// </summary>
internal sealed partial class ReplicaFailoverHandler(ILogger<ReplicaFailoverHandler> logger) : DelegatingHandler
{
    private const int Attempts = 3;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException exception) when (attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                LogRetry(request.RequestUri?.AbsolutePath ?? "", attempt, exception.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET {Path} failed before an answer (attempt {Attempt}: {Reason}); sending it again")]
    private partial void LogRetry(string path, int attempt, string reason);
}
