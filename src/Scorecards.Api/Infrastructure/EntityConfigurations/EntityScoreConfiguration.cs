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
        builder.HasIndex(s => s.EntityRef);

        // No index on what a rescore rewrites (the level, the failed checks): with room left in each page (fillfactor 70, set in
        // the migration) the rewrite is a HOT update that touches no index. Counts by level scan the scorecard's rows.
    }
}
