namespace Docs.Api.Storage;

/// <summary>
/// Where built sites are kept. A build is written under its own id and becomes visible as a whole; which build of an
/// entity is served is decided by the database (the entity's current build), so switching is one committed update.
/// </summary>
public interface IDocsPublisher
{
    /// <summary>Stores every file of a build; returns once the build is complete in storage, or throws having stored none.</summary>
    /// <remarks>Every path must pass <see cref="SitePath.Normalize"/>.</remarks>
    Task PublishAsync(SiteKey site, Guid buildId, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken);

    /// <summary>A file of a stored build, or null when it does not exist (or the path leaves the site).</summary>
    Task<StoredFile?> ReadAsync(SiteKey site, Guid buildId, string path, CancellationToken cancellationToken);

    /// <summary>Deletes the stored builds of a site except <paramref name="keep"/>.</summary>
    Task DeleteBuildsAsync(SiteKey site, IReadOnlyCollection<Guid> keep, CancellationToken cancellationToken);
}

/// <summary>The storage name of an entity's site: its namespace, kind and name, lower-cased.</summary>
public readonly record struct SiteKey(string Namespace, string Kind, string Name)
{
    public static SiteKey Of(string ns, string kind, string name) =>
        new(ns.ToLowerInvariant(), kind.ToLowerInvariant(), name.ToLowerInvariant());

    public override string ToString() => $"{Namespace}/{Kind}/{Name}";
}
