using Docs.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docs.Api.Infrastructure.EntityConfigurations;

internal sealed class DocsBuildConfiguration : IEntityTypeConfiguration<DocsBuild>
{
    public void Configure(EntityTypeBuilder<DocsBuild> builder)
    {
        builder.ToTable("docs_builds");
        builder.HasKey(build => build.Id);
        builder.Property(build => build.State).IsRequired();
        // One queued and one running build per entity: a newer request updates the queued row instead of adding one.
        builder.HasIndex(build => build.EntityKey, "ux_docs_builds_queued").IsUnique().HasFilter("state = 'queued'");
        builder.HasIndex(build => build.EntityKey, "ux_docs_builds_running").IsUnique().HasFilter("state = 'running'");
        builder.HasIndex(build => new { build.State, build.RequestedAt }, "ix_docs_builds_state_requested");
        builder.HasIndex(build => new { build.EntityKey, build.RequestedAt }, "ix_docs_builds_entity_requested");
    }
}
