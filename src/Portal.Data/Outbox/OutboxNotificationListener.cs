using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Data.Outbox;

/// <summary>LISTENs on the outbox channel and wakes the dispatcher; reconnects when the connection drops.</summary>
internal sealed partial class OutboxNotificationListener(
    NpgsqlDataSource dataSource,
    OutboxWakeUp wakeUp,
    ILogger<OutboxNotificationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => wakeUp.Signal();
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxDispatcher.NotificationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                wakeUp.Signal(); // events may have been written while we were not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenerError(exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox notification listener lost its connection; reconnecting")]
    private partial void LogListenerError(Exception exception);
}
