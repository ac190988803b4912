using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scorecards.Api.Model;

namespace Scorecards.Api.Infrastructure.EntityConfigurations;

internal sealed class ScorecardConfiguration : IEntityTypeConfiguration<Scorecard>
{
    public void Configure(EntityTypeBuilder<Scorecard> builder)
    {
        builder.ToTable("scorecards");
        builder.HasKey(s => s.ScorecardRef);
        builder.Property(s => s.Definition).HasColumnType("jsonb");
        builder.Property(s => s.RescoreState).HasDefaultValue(RescoreStates.Pending);
        builder.Property(s => s.RescoreCursor).HasDefaultValue("");
    }
}
