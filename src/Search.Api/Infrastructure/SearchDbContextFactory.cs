using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Search.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only; the service itself builds its context from configuration.</summary>
internal sealed class SearchDbContextFactory : IDesignTimeDbContextFactory<SearchDbContext>
{
    public SearchDbContext CreateDbContext(string[] args) =>
        new(DatabaseExtensions.DesignTimeOptions<SearchDbContext>("Host=127.0.0.1;Database=searchdb;Username=postgres"));
}
