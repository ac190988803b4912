using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Inbox;

public static class InboxExtensions
{
    /// <summary>
    /// Records that <paramref name="consumer"/> handles <paramref name="messageId"/>; false when it already did.
    /// The record is saved by the same <c>SaveChanges</c> as the handler's changes, so a message counts as handled
    /// exactly when its effects are committed. Two concurrent deliveries collide on the primary key and the loser retries
    /// (and then sees the record).
    /// </summary>
    public static async Task<bool> TryRecordInboxAsync(this DbContext db, Guid messageId, string consumer, CancellationToken cancellationToken)
    {
        var seen = await db.Set<InboxMessage>().AnyAsync(
            message => message.MessageId == messageId && message.Consumer == consumer, cancellationToken);
        if (seen)
        {
            return false;
        }

        db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow });
        return true;
    }
}
