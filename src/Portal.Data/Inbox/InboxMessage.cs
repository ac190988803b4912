namespace Portal.Data.Inbox;

/// <summary>Records that a consumer handled a message, so a redelivery of it changes nothing.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
