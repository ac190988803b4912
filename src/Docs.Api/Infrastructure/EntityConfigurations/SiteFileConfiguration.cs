using Docs.Api.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docs.Api.Infrastructure.EntityConfigurations;

internal sealed class SiteFileConfiguration : IEntityTypeConfiguration<SiteFile>
{
    public void Configure(EntityTypeBuilder<SiteFile> builder)
    {
        builder.ToTable("docs_site_files");
        // Reads are by site, build and path; pruning is by site: the key serves both.
        builder.HasKey(file => new { file.Site, file.BuildId, file.Path });
        builder.Property(file => file.PublishedAt).HasDefaultValueSql("now()");
    }
}
