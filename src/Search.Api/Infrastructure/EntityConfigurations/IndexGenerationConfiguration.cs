using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Search.Api.Model;

namespace Search.Api.Infrastructure.EntityConfigurations;

internal sealed class IndexGenerationConfiguration : IEntityTypeConfiguration<IndexGeneration>
{
    public void Configure(EntityTypeBuilder<IndexGeneration> builder)
    {
        builder.ToTable("index_generations");
        builder.Property(g => g.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(g => g.HeartbeatAt).HasDefaultValueSql("now()");

        // The claims: at most one live generation, and at most one rebuild anywhere among the replicas.
        builder.HasIndex(g => g.State, "ux_index_generations_live").HasDatabaseName("ux_index_generations_live").IsUnique().HasFilter("state = 'live'");
        builder.HasIndex(g => g.State, "ux_index_generations_building").HasDatabaseName("ux_index_generations_building").IsUnique().HasFilter("state = 'building'");
    }
}
