using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scaffolder.Api.Model;

namespace Scaffolder.Api.Infrastructure.EntityConfigurations;

internal sealed class CachedTemplateConfiguration : IEntityTypeConfiguration<CachedTemplate>
{
    public void Configure(EntityTypeBuilder<CachedTemplate> builder)
    {
        builder.ToTable("templates");
        builder.HasKey(t => t.EntityRef);
        builder.Property(t => t.Entity).HasColumnType("jsonb");
    }
}
