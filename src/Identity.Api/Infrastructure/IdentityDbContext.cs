using Identity.Api.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Identity.Api.Infrastructure;

/// <summary>
/// The identity service's own database: OpenIddict's applications, authorizations, scopes and tokens, the provider's
/// keys, the data-protection keys of its sign-in cookie, the catalog users and groups it signs in, their stars, and the audit log of every service.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<CatalogUser> Users => Set<CatalogUser>();

    public DbSet<CatalogGroup> Groups => Set<CatalogGroup>();

    public DbSet<StoredKey> StoredKeys => Set<StoredKey>();

    public DbSet<StarredEntity> StarredEntities => Set<StarredEntity>();

    /// <summary>Every service's audit entries (<c>AuditRecorded</c>), kept for <c>Audit:RetentionDays</c>.</summary>
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>Shared by every replica, so a cookie or antiforgery token one replica wrote is read by any other.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
    }
}
