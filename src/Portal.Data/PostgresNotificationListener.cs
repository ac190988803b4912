using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Data;

/// <summary>
/// Keeps one connection LISTENing on <paramref name="channels"/> and hands each notification's channel to
/// <see cref="OnNotification"/>; reconnects when the connection drops, and calls <see cref="OnListening"/> each time it
/// listens again, since notifications sent while it was not listening are lost.
/// </summary>
public abstract partial class PostgresNotificationListener(NpgsqlDataSource dataSource, ILogger logger, params string[] channels) : BackgroundService
{
    protected abstract void OnNotification(string channel);

    protected abstract void OnListening();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Channel);
                await using (var listen = new NpgsqlCommand(string.Join("; ", channels.Select(channel => $"LISTEN {channel}")), connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                OnListening();
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
                LogListenerError(logger, exception, string.Join(", ", channels));
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification listener on {Channels} lost its connection; reconnecting")]
    private static partial void LogListenerError(ILogger logger, Exception exception, string channels);
}
