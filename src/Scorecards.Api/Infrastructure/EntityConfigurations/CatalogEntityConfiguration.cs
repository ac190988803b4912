using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scorecards.Api.Model;

namespace Scorecards.Api.Infrastructure.EntityConfigurations;

internal sealed class CatalogEntityConfiguration : IEntityTypeConfiguration<CatalogEntity>
{
    public void Configure(EntityTypeBuilder<CatalogEntity> builder)
    {
        builder.ToTable("catalog_entities");
        builder.HasKey(e => e.EntityRef);
        builder.Property(e => e.Annotations).HasColumnType("jsonb");
        builder.Property(e => e.Labels).HasColumnType("jsonb");
        builder.Property(e => e.Entity).HasColumnType("jsonb");

        // What a change of one entity finds to rescore: what it owns, what depends on it, a group's sub-groups.
        builder.HasIndex(e => e.OwnerRef);
        builder.HasIndex(e => e.ParentRef);
        builder.HasIndex(e => e.DependsOn).HasMethod("gin");
        builder.HasIndex(e => e.SystemRefs).HasMethod("gin");
    }
}
