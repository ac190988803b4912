using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using Search.Api.Model;

namespace Search.Api.Infrastructure.EntityConfigurations;

internal sealed class IndexedDocumentConfiguration : IEntityTypeConfiguration<IndexedDocument>
{
    /// <summary>The text search configuration for every vector and query.</summary>
    public const string TextSearchConfig = "english";

    /// <summary>Longest text put into the vector (a tsvector holds at most 1 MB).</summary>
    public const int MaxIndexedText = 100_000;

    public void Configure(EntityTypeBuilder<IndexedDocument> builder)
    {
        builder.ToTable("search_documents");
        builder.HasKey(d => new { d.IndexGeneration, d.DocKey });
        builder.Property(d => d.Document).HasColumnType("jsonb");
        builder.Property(d => d.Annotations).HasColumnType("jsonb");
        builder.Property(d => d.Labels).HasColumnType("jsonb");
        builder.Property(d => d.UpdatedAt).HasDefaultValueSql("now()");

        builder.Property<NpgsqlTsVector>("SearchVector").HasComputedColumnSql(
            $"setweight(to_tsvector('{TextSearchConfig}', title), 'A') || " +
            $"setweight(to_tsvector('{TextSearchConfig}', keywords), 'B') || " +
            $"setweight(to_tsvector('{TextSearchConfig}', left(text, {MaxIndexedText}) || ' ' || facet_text), 'C')",
            stored: true);
        builder.Property<NpgsqlTsVector>("TitleVector").HasComputedColumnSql(
            $"to_tsvector('{TextSearchConfig}', title || ' ' || coalesce(name, ''))", stored: true);

        builder.HasIndex("SearchVector").HasMethod("gin");
        builder.HasIndex("TitleVector").HasMethod("gin");
        builder.HasIndex(d => d.Title).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(d => new { d.IndexGeneration, d.EntityRef });
    }
}
