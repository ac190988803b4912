namespace Portal.Data.Outbox;

/// <summary>An integration event written in the same transaction as the data it describes, waiting to be published.</summary>
public sealed class OutboxMessage
{
    /// <summary>Publication order: events are published in increasing id within a partition.</summary>
    public long Id { get; set; }

    /// <summary>Becomes the broker MessageId; stays the same if the event is published more than once.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Events with the same key (an entity ref, say) are published in the order they were written.</summary>
    public required string PartitionKey { get; set; }

    /// <summary>CLR type as <c>Namespace.Type, Assembly</c>.</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    /// <summary>W3C traceparent of the writing operation, so the publish continues its trace.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
