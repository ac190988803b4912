using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Search.Api.Model;

namespace Search.Api.Infrastructure.EntityConfigurations;

internal sealed class IndexedEntityConfiguration : IEntityTypeConfiguration<IndexedEntity>
{
    public void Configure(EntityTypeBuilder<IndexedEntity> builder)
    {
        builder.ToTable("indexed_entities");
        builder.HasKey(e => new { e.IndexGeneration, e.EntityRef });
        builder.Property(e => e.UpdatedAt).HasDefaultValueSql("now()");
    }
}
