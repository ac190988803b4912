using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Search.Api.Model;

namespace Search.Api.Infrastructure.EntityConfigurations;

internal sealed class IndexedDocsSiteConfiguration : IEntityTypeConfiguration<IndexedDocsSite>
{
    public void Configure(EntityTypeBuilder<IndexedDocsSite> builder)
    {
        builder.ToTable("indexed_docs_sites");
        builder.HasKey(s => new { s.IndexGeneration, s.EntityRef });
    }
}
