using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Data.Outbox;

/// <summary>LISTENs on the outbox channel and wakes the dispatcher.</summary>
internal sealed class OutboxNotificationListener(
    NpgsqlDataSource dataSource,
    OutboxWakeUp wakeUp,
    ILogger<OutboxNotificationListener> logger) : PostgresNotificationListener(dataSource, logger, OutboxDispatcher.NotificationChannel)
{
    protected override void OnNotification(string channel) => wakeUp.Signal();

    // Events may have been written while nobody was listening.
    protected override void OnListening() => wakeUp.Signal();
}
