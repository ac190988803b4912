namespace Portal.AppHost.Startup;

/// <summary>A service as the AppHost runs it, resolved from its options: where its build output is and what it needs.</summary>
public sealed record ServiceDefinition(
    string Name,
    string ProjectDirectory,
    string AssemblyPath,
    int Port,
    bool FrontDoor,
    string? Database,
    bool Messaging,
    IReadOnlyList<string> References,
    string HealthPath,
    IReadOnlyDictionary<string, string> ExtraEnvironment)
{
    public string Url => $"http://127.0.0.1:{Port}";

    public Uri? HealthUrl => HealthPath.Length == 0 ? null : new Uri(Url + HealthPath);
}
