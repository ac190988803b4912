using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scorecards.Api.Model;

namespace Scorecards.Api.Infrastructure.EntityConfigurations;

internal sealed class EntityScoreConfiguration : IEntityTypeConfiguration<EntityScore>
{
    public void Configure(EntityTypeBuilder<EntityScore> builder)
    {
        builder.ToTable("entity_scores");
        builder.HasKey(s => new { s.ScorecardRef, s.EntityRef });
        builder.Property(s => s.Checks).HasColumnType("jsonb");
        builder.HasIndex(s => s.EntityRef);
        builder.HasIndex(s => new { s.ScorecardRef, s.LevelIndex });
    }
}
