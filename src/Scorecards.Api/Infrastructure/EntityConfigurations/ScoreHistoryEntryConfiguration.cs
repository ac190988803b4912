using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scorecards.Api.Model;

namespace Scorecards.Api.Infrastructure.EntityConfigurations;

internal sealed class ScoreHistoryEntryConfiguration : IEntityTypeConfiguration<ScoreHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ScoreHistoryEntry> builder)
    {
        builder.ToTable("score_history");
        builder.Property(h => h.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(h => new { h.EntityRef, h.At });
        builder.HasIndex(h => new { h.ScorecardRef, h.At });
    }
}
