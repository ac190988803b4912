using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Infrastructure.EntityConfigurations;

internal sealed class CatalogUserConfiguration : IEntityTypeConfiguration<CatalogUser>
{
    public void Configure(EntityTypeBuilder<CatalogUser> builder)
    {
        builder.ToTable("catalog_users");
        builder.HasKey(user => user.EntityRef);
        builder.HasIndex(user => user.OidcSubject);
        builder.HasIndex(user => user.RemovedAt);
    }
}
