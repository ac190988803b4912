using Catalog.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.EntityConfigurations;

internal sealed class StoredRelationConfiguration : IEntityTypeConfiguration<StoredRelation>
{
    public void Configure(EntityTypeBuilder<StoredRelation> builder)
    {
        builder.ToTable("relations");
        builder.HasNoKey();
        builder.HasIndex(relation => relation.OriginEntityRef);
        builder.HasIndex(relation => relation.SourceRef);
    }
}
