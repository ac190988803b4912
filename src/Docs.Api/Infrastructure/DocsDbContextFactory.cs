using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Docs.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only; the service itself builds its context from configuration.</summary>
internal sealed class DocsDbContextFactory : IDesignTimeDbContextFactory<DocsDbContext>
{
    public DocsDbContext CreateDbContext(string[] args) =>
        new(DatabaseExtensions.DesignTimeOptions<DocsDbContext>("Host=127.0.0.1;Database=docsdb;Username=postgres"));
}
