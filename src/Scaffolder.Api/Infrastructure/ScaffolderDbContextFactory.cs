using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Scaffolder.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only; the service itself builds its context from configuration.</summary>
internal sealed class ScaffolderDbContextFactory : IDesignTimeDbContextFactory<ScaffolderDbContext>
{
    public ScaffolderDbContext CreateDbContext(string[] args) =>
        new(DatabaseExtensions.DesignTimeOptions<ScaffolderDbContext>("Host=127.0.0.1;Database=scaffolderdb;Username=postgres"));
}
