using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Testing;
using Xunit;

namespace Portal.Deploy.Tests;

/// <summary>
/// The AppHost's Aspire manifest, written for this test class by the AppHost's build output (<c>--publisher
/// manifest</c>), as deployments start from it: every service with the environment it reads.
/// </summary>
public sealed partial class AspireManifest : IAsyncLifetime
{
    /// <summary>Each project resource (service) with its environment, as the manifest gives it (placeholders unresolved).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Services { get; private set; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Parameters the deployment must provide as secrets: connection strings and client secrets.</summary>
    public IReadOnlySet<string> SecretParameters { get; private set; } = new HashSet<string>();

    /// <summary>Each service's own database (<c>ConnectionStrings__&lt;name&gt;</c> other than the broker's).</summary>
    public IEnumerable<(string Service, string Database)> Databases =>
        from service in Services
        from name in service.Value.Keys
        where name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && name != "ConnectionStrings__messaging"
        select (service.Key, name["ConnectionStrings__".Length..]);

    /// <summary>Whether a manifest value is (or contains) a secret parameter's value: it must come from a Secret.</summary>
    public bool IsSecret(string value) =>
        Placeholder().Matches(value).Any(match => SecretParameters.Contains(match.Groups["resource"].Value));

    public async Task InitializeAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "portal-deploy-manifest-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        using (var apphost = AppHostRun.Start(new AppHostPorts(), "--publisher", "manifest", "--output-path", output))
        {
            Assert.True(apphost.WaitForExit(TimeSpan.FromMinutes(2)), "the AppHost did not write its manifest: " + apphost.Output);
            Assert.True(apphost.ExitCode == 0, apphost.Output);
        }

        try
        {
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var resources = manifest.RootElement.GetProperty("resources").EnumerateObject().ToList();
            Services = resources
                .Where(resource => resource.Value.GetProperty("type").GetString() == "project.v0")
                .ToDictionary(resource => resource.Name, resource => (IReadOnlyDictionary<string, string>)resource.Value.GetProperty("env")
                    .EnumerateObject().ToDictionary(variable => variable.Name, variable => variable.Value.GetString() ?? ""));
            SecretParameters = resources
                .Where(resource => resource.Value.TryGetProperty("inputs", out var inputs)
                                   && inputs.TryGetProperty("value", out var value)
                                   && value.TryGetProperty("secret", out var secret) && secret.GetBoolean())
                .Select(resource => resource.Name)
                .ToHashSet();
        }
        finally
        {
            File.Delete(output);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"\{(?<resource>[a-z0-9-]+)\.(value|connectionString)\}")]
    private static partial Regex Placeholder();
}
