using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scaffolder.Api.Model;

namespace Scaffolder.Api.Infrastructure.EntityConfigurations;

internal sealed class TemplateTaskConfiguration : IEntityTypeConfiguration<TemplateTask>
{
    public void Configure(EntityTypeBuilder<TemplateTask> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Spec).HasColumnType("jsonb");
        builder.Property(t => t.Secrets).HasColumnType("jsonb");
        builder.Property(t => t.Output).HasColumnType("jsonb");
        builder.Property(t => t.Principal).HasColumnType("jsonb");
        builder.Property(t => t.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => new { t.CreatedBy, t.CreatedAt });
    }
}
