using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Infrastructure.EntityConfigurations;

internal sealed class StarredEntityConfiguration : IEntityTypeConfiguration<StarredEntity>
{
    public void Configure(EntityTypeBuilder<StarredEntity> builder)
    {
        builder.ToTable("starred_entities");
        builder.HasKey(star => new { star.UserRef, star.EntityRef });
    }
}
