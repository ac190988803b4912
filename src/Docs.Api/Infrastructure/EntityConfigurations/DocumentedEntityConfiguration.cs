using Docs.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docs.Api.Infrastructure.EntityConfigurations;

internal sealed class DocumentedEntityConfiguration : IEntityTypeConfiguration<DocumentedEntity>
{
    public void Configure(EntityTypeBuilder<DocumentedEntity> builder)
    {
        builder.ToTable("documented_entities");
        builder.HasKey(entity => entity.EntityKey);
        builder.Property(entity => entity.Entity).HasColumnType("jsonb");
        builder.Property(entity => entity.BuiltEvent).HasColumnType("jsonb");
        builder.Property(entity => entity.Nav).HasColumnType("jsonb");
        builder.Property(entity => entity.UpdatedAt).HasDefaultValueSql("now()");
        // The build feed pages through served sites in key order.
        builder.HasIndex(entity => entity.EntityKey, "ix_documented_entities_served").HasFilter("current_build_id IS NOT NULL");
    }
}
