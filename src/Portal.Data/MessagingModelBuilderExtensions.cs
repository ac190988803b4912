using Microsoft.EntityFrameworkCore;
using Portal.Data.Inbox;
using Portal.Data.Outbox;

namespace Portal.Data;

public static class MessagingModelBuilderExtensions
{
    /// <summary>Adds the outbox and inbox tables to a service's model (call from <c>OnModelCreating</c>).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OutboxEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new InboxEntityTypeConfiguration());
        return modelBuilder;
    }
}
