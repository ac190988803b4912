namespace Portal.AppHost.Resources;

/// <summary>A Portal service the AppHost runs: its project, its URL, and the environment Aspire would give it.</summary>
public sealed record ServiceDefinition(string Name, string ProjectDirectory, string AssemblyName, string Url, IReadOnlyDictionary<string, string> Environment);
