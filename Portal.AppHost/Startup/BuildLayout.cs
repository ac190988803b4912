using Portal.AppHost.Configuration;

namespace Portal.AppHost.Startup;

/// <summary>
/// Where a project's build output is: <c>&lt;project&gt;/bin/&lt;Configuration&gt;/&lt;tfm&gt;/&lt;Assembly&gt;.dll</c>, with the
/// configuration and target framework the AppHost itself was built with (read from its own output folder).
/// </summary>
public sealed record BuildLayout(string Configuration, string TargetFramework)
{
    /// <summary>From an output folder such as <c>…/Portal.AppHost/bin/Release/net10.0/</c>.</summary>
    public static BuildLayout FromOutputDirectory(string outputDirectory, string configurationOverride = "")
    {
        var tfm = new DirectoryInfo(Path.TrimEndingDirectorySeparator(outputDirectory));
        var (configuration, framework) = tfm.Parent is { Parent.Name: "bin" } parent
            ? (parent.Name, tfm.Name)
            : ("Debug", $"net{Environment.Version.Major}.{Environment.Version.Minor}");
        return new BuildLayout(string.IsNullOrWhiteSpace(configurationOverride) ? configuration : configurationOverride, framework);
    }

    public string AssemblyPath(string projectDirectory, string assemblyName) =>
        Path.Combine(projectDirectory, "bin", Configuration, TargetFramework, assemblyName + ".dll");

    public string RequireAssembly(string service, string projectDirectory, string assemblyName)
    {
        var path = AssemblyPath(projectDirectory, assemblyName);
        return File.Exists(path)
            ? path
            : throw new AppHostConfigurationException(
                $"{service} is not built ({path} is missing); run dotnet build Portal.AppHost -c {Configuration} first");
    }
}
