using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Data.Outbox;

internal sealed class OutboxEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable(OutboxTable.Name);
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Id).UseIdentityAlwaysColumn();
        // Text, not jsonb: a body is written once and read once, verbatim; jsonb would parse (and re-print) every one.
        builder.Property(message => message.Body).HasColumnType("text");
        builder.Property(message => message.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(message => message.MessageId).IsUnique();
    }
}

internal static class OutboxTable
{
    public const string Name = "outbox_messages";
}
