namespace Portal.AppHost;

/// <summary>The AppHost's settings with the paths they name resolved against the repository.</summary>
public sealed class PortalSettings(AppHostSettings settings, string repositoryRoot, bool publishing)
{
    /// <summary>Where a deployed service keeps its files (a volume), in a published manifest.</summary>
    public const string DeployedDataDirectory = "/data";

    public AppHostSettings Values { get; } = settings;

    public string RepositoryRoot { get; } = repositoryRoot;

    public string DataDirectory => publishing ? DeployedDataDirectory : Path.GetFullPath(Path.Combine(RepositoryRoot, Values.DataDirectory));

    /// <summary>The demo catalog file, or null when <see cref="AppHostSettings.DemoCatalog"/> is empty.</summary>
    public string? DemoCatalogPath =>
        publishing || string.IsNullOrWhiteSpace(Values.DemoCatalog) ? null : Path.GetFullPath(Path.Combine(RepositoryRoot, Values.DemoCatalog));

    /// <summary>The demo catalog's folder (an allowed root of the services that read its files), or the data folder.</summary>
    public string DemoCatalogDirectory => Path.GetDirectoryName(DemoCatalogPath) ?? DataDirectory;

    public string DataPath(string folder) => Path.Combine(DataDirectory, folder);
}
