using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Identity.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only; the service itself builds its context from configuration.</summary>
internal sealed class IdentityDbContextFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(DatabaseExtensions.DesignTimeOptions<IdentityDbContext>("Host=127.0.0.1;Database=identitydb;Username=postgres"));
}
