using Npgsql;

namespace Scaffolder.Api.Tasks;

/// <summary>LISTENs on the task channels and forwards notifications to <see cref="TaskNotifications"/>; reconnects when the connection drops.</summary>
internal sealed partial class TaskNotificationListener(
    NpgsqlDataSource dataSource,
    TaskNotifications notifications,
    ILogger<TaskNotificationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == TaskNotifications.WorkChannel)
                    {
                        notifications.Work.Signal();
                    }
                    else
                    {
                        notifications.SignalEvents();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {TaskNotifications.WorkChannel}; LISTEN {TaskNotifications.EventsChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                notifications.Work.Signal();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task notification listener lost its connection; reconnecting")]
    private partial void LogListenerError(Exception exception);
}
