namespace Portal.AppHost;

/// <summary>The AppHost's settings with the paths they name resolved against the repository.</summary>
public sealed class PortalSettings(AppHostSettings settings, string repositoryRoot)
{
    public AppHostSettings Values { get; } = settings;

    public string RepositoryRoot { get; } = repositoryRoot;

    public string DataDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, Values.DataDirectory));

    /// <summary>The demo catalog file, or null when <see cref="AppHostSettings.DemoCatalog"/> is empty.</summary>
    public string? DemoCatalogPath =>
        string.IsNullOrWhiteSpace(Values.DemoCatalog) ? null : Path.GetFullPath(Path.Combine(RepositoryRoot, Values.DemoCatalog));

    /// <summary>The demo catalog's folder (an allowed root of the services that read its files), or the data folder.</summary>
    public string DemoCatalogDirectory => Path.GetDirectoryName(DemoCatalogPath) ?? DataDirectory;

    public string DataPath(string folder) => Path.Combine(DataDirectory, folder);
}
