using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Infrastructure.EntityConfigurations;

internal sealed class CatalogGroupConfiguration : IEntityTypeConfiguration<CatalogGroup>
{
    public void Configure(EntityTypeBuilder<CatalogGroup> builder)
    {
        builder.ToTable("catalog_groups");
        builder.HasKey(group => group.EntityRef);
        // Ownership refs walk up from a user: groups naming it as a member, groups naming a group as a child.
        builder.HasIndex(group => group.Members).HasMethod("gin");
        builder.HasIndex(group => group.Children).HasMethod("gin");
    }
}
