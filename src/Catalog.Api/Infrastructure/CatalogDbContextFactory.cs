using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Catalog.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only; the service itself builds its context from configuration.</summary>
internal sealed class CatalogDbContextFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args) =>
        new(DatabaseExtensions.DesignTimeOptions<CatalogDbContext>("Host=127.0.0.1;Database=catalogdb;Username=postgres"));
}
