using Catalog.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.EntityConfigurations;

internal sealed class StoredEntityConfiguration : IEntityTypeConfiguration<StoredEntity>
{
    public void Configure(EntityTypeBuilder<StoredEntity> builder)
    {
        builder.ToTable("entities");
        builder.HasIndex(entity => entity.EntityRef).IsUnique();
        builder.HasIndex(entity => entity.LocationId);
        builder.Property(entity => entity.Processed).HasColumnType("jsonb");
        // Served verbatim: text keeps the stored bytes, so a read is one index lookup and a copy.
        builder.Property(entity => entity.FinalJson).HasColumnType("text");
        builder.Property(entity => entity.FilterDoc).HasColumnType("jsonb");
        builder.HasIndex(entity => entity.FilterDoc).HasMethod("gin");
        builder.HasIndex(entity => entity.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Property(entity => entity.Errors).HasColumnType("jsonb");
    }
}
