using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Infrastructure.EntityConfigurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        // The event's own id: a redelivered event collides with the stored one and is dropped.
        builder.HasKey(entry => entry.AuditId);
        builder.Property(entry => entry.RecordedAt).HasDefaultValueSql("now()");
        // Newest first, with the id as the tie-breaker of the cursor; retention deletes from the oldest end.
        builder.HasIndex(entry => new { entry.OccurredAt, entry.AuditId });
        builder.HasIndex(entry => new { entry.Actor, entry.OccurredAt });
        builder.HasIndex(entry => new { entry.Target, entry.OccurredAt });
    }
}
