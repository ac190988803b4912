namespace Portal.AppHost;

/// <summary>Where the repository is and where each service's build output lies (same configuration as the AppHost's).</summary>
public sealed class RepositoryLayout
{
    public RepositoryLayout()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        Root = directory?.FullName ?? throw new StartupException(
            $"cannot find Portal.sln above {AppContext.BaseDirectory}: run the AppHost from the repository (dotnet run --project Portal.AppHost).");

        // .../Portal.AppHost/bin/<Configuration>/<tfm>/
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        TargetFramework = tfmDirectory.Name;
        Configuration = tfmDirectory.Parent?.Name ?? "Debug";
    }

    public string Root { get; }

    public string Configuration { get; }

    public string TargetFramework { get; }

    public string Resolve(string relativeOrAbsolute) => Path.GetFullPath(Path.Combine(Root, relativeOrAbsolute));

    public string AssemblyPath(Resources.ServiceDefinition service)
    {
        var path = Path.Combine(service.ProjectDirectory, "bin", Configuration, TargetFramework, service.AssemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new StartupException($"{service.Name} is not built ({path} is missing). Run: dotnet build Portal.AppHost -c {Configuration}");
    }
}
