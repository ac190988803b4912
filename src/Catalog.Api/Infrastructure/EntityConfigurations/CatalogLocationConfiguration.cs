using Catalog.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Catalog.Api.Infrastructure.EntityConfigurations;

internal sealed class CatalogLocationConfiguration : IEntityTypeConfiguration<CatalogLocation>
{
    public void Configure(EntityTypeBuilder<CatalogLocation> builder)
    {
        builder.ToTable("locations");
        builder.HasIndex(location => new { location.Type, location.Target }).IsUnique();
        builder.HasIndex(location => location.NextRefreshAt);
        builder.Property(location => location.Errors).HasColumnType("jsonb");
    }
}
