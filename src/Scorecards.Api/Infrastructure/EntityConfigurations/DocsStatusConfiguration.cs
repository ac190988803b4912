using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scorecards.Api.Model;

namespace Scorecards.Api.Infrastructure.EntityConfigurations;

internal sealed class DocsStatusConfiguration : IEntityTypeConfiguration<DocsStatus>
{
    public void Configure(EntityTypeBuilder<DocsStatus> builder)
    {
        builder.ToTable("docs_status");
        builder.HasKey(d => d.EntityRef);
    }
}
