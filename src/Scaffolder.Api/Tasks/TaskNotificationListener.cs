using Npgsql;
using Portal.Data;

namespace Scaffolder.Api.Tasks;

/// <summary>LISTENs on the task channels and forwards notifications to <see cref="TaskNotifications"/>.</summary>
internal sealed class TaskNotificationListener(
    NpgsqlDataSource dataSource,
    TaskNotifications notifications,
    ILogger<TaskNotificationListener> logger)
    : PostgresNotificationListener(dataSource, logger, TaskNotifications.WorkChannel, TaskNotifications.EventsChannel)
{
    protected override void OnNotification(string channel)
    {
        if (channel == TaskNotifications.WorkChannel)
        {
            notifications.Work.Signal();
        }
        else
        {
            notifications.SignalEvents();
        }
    }

    // Tasks may have been queued while nobody was listening.
    protected override void OnListening() => notifications.Work.Signal();
}
