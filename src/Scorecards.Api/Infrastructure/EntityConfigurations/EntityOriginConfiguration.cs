using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scorecards.Api.Model;

namespace Scorecards.Api.Infrastructure.EntityConfigurations;

internal sealed class EntityOriginConfiguration : IEntityTypeConfiguration<EntityOrigin>
{
    public void Configure(EntityTypeBuilder<EntityOrigin> builder)
    {
        builder.ToTable("entity_origins");
        builder.HasKey(o => o.EntityRef);
    }
}
