using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Outbox;

public static class OutboxMigrationExtensions
{
    /// <summary>
    /// A statement trigger that notifies <see cref="OutboxDispatcher.NotificationChannel"/> when events are written.
    /// PostgreSQL delivers the notification at commit, so every replica's dispatcher wakes exactly when there is work.
    /// </summary>
    public static void CreateOutboxNotifyTrigger(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(NotifyTriggerSql);

    /// <summary>The trigger's SQL, for databases created without migrations (tests).</summary>
    public static readonly string NotifyTriggerSql = $"""
            CREATE OR REPLACE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('{OutboxDispatcher.NotificationChannel}', '');
              RETURN NULL;
            END $$;
            CREATE OR REPLACE TRIGGER outbox_messages_notify AFTER INSERT ON {OutboxTable.Name}
              FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
            """;
}
