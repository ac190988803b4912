using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Portal.Data.Outbox;

/// <summary>
/// Writes integration events into the outbox inside the caller's transaction. Nothing reaches the broker until
/// that transaction commits; then the <see cref="OutboxDispatcher"/> publishes it.
/// </summary>
public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static OutboxMessage Create<TMessage>(TMessage message, string partitionKey) where TMessage : class =>
        CreateSerialized(TypeNameOf<TMessage>.Value, JsonSerializer.Serialize(message, JsonOptions), partitionKey);

    /// <summary>
    /// An event whose JSON body the caller wrote itself, as <see cref="JsonSerializerDefaults.Web"/> would write the
    /// message type (bulk writers splice stored JSON in rather than parse and serialize it again).
    /// </summary>
    public static OutboxMessage CreateSerialized(string messageType, string body, string partitionKey) => new()
    {
        MessageId = Guid.CreateVersion7(),
        PartitionKey = partitionKey,
        MessageType = messageType,
        Body = body,
        TraceParent = Activity.Current?.Id,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Adds an event to the context; it is stored by the same <c>SaveChanges</c> as the data.</summary>
    public static OutboxMessage AddOutboxMessage<TMessage>(this DbContext db, TMessage message, string partitionKey)
        where TMessage : class
    {
        var entry = Create(message, partitionKey);
        db.Set<OutboxMessage>().Add(entry);
        return entry;
    }

    /// <summary>Bulk-writes events with COPY on the caller's connection and transaction (for set-based ingestion).</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {OutboxTable.Name} (message_id, partition_key, message_type, body, trace_parent, created_at, attempts) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var message in messages)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(message.MessageId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(message.PartitionKey, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(message.MessageType, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(message.Body, NpgsqlDbType.Text, cancellationToken);
            if (message.TraceParent is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(message.TraceParent, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.WriteAsync(message.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public static string MessageTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    // Reading an assembly's name is reflection that allocates; a refresh writes thousands of events of the same types.
    private static class TypeNameOf<TMessage>
    {
        public static readonly string Value = MessageTypeName(typeof(TMessage));
    }
}
