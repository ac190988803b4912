using Microsoft.EntityFrameworkCore.Design;
using Portal.Data;

namespace Scorecards.Api.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c> only; the service itself builds its context from configuration.</summary>
internal sealed class ScorecardsDbContextFactory : IDesignTimeDbContextFactory<ScorecardsDbContext>
{
    public ScorecardsDbContext CreateDbContext(string[] args) =>
        new(DatabaseExtensions.DesignTimeOptions<ScorecardsDbContext>("Host=127.0.0.1;Database=scorecardsdb;Username=postgres"));
}
