using Identity.Api.Model;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Identity.Api.Infrastructure;

/// <summary>
/// The identity service's own database: OpenIddict's applications, authorizations, scopes and tokens, the provider's
/// keys, and the catalog users and groups it signs in.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<CatalogUser> Users => Set<CatalogUser>();

    public DbSet<CatalogGroup> Groups => Set<CatalogGroup>();

    public DbSet<StoredKey> StoredKeys => Set<StoredKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
    }
}
