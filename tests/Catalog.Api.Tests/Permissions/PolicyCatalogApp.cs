using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Permissions;
using Portal.ServiceDefaults.Authentication;
using Portal.Testing;

namespace Catalog.Api.Tests.Permissions;

/// <summary>
/// The catalog deciding with a policy file of the test's own (<see cref="TestPolicy"/>, polled every 200 ms), holding
/// two teams' entities: ann is in team-a, ben in team-b, carl in neither. Denials the catalog records go to
/// <see cref="Denials"/>.
/// </summary>
public sealed class PolicyCatalogApp : CatalogApp
{
    public PolicyCatalogApp()
        : this(Path.Combine(Path.GetTempPath(), $"portal-policy-{Guid.NewGuid():N}.yaml"))
    {
    }

    private PolicyCatalogApp(string policyFile)
        : base(("Permissions:PolicyFile", policyFile), ("Permissions:ReloadInterval", "00:00:00.200"))
    {
        PolicyFile = policyFile;
        File.WriteAllText(policyFile, TestPolicy.Text);
    }

    public string PolicyFile { get; }

    public ConcurrentQueue<(string Actor, PolicyDecision Decision, string Target)> Denials { get; } = new();

    /// <summary>The location holding team-a's and team-b's entities, and the one holding only team-b's.</summary>
    public Guid SharedLocation { get; private set; }

    public Guid TeamBLocation { get; private set; }

    public async Task SeedAsync()
    {
        if (SharedLocation != Guid.Empty)
        {
            return;
        }

        SharedLocation = await RegisterAsync(WriteFile("teams/catalog-info.yaml", TestPolicy.SharedCatalog));
        TeamBLocation = await RegisterAsync(WriteFile("team-b/catalog-info.yaml", TestPolicy.TeamBCatalog));
    }

    /// <summary>A client acting as <paramref name="username"/> (a token from the real provider).</summary>
    public async Task<HttpClient> AsAsync(string username)
    {
        await SeedAsync();
        var token = await Identity.UserTokenWhenKnownAsync(username);
        return Factory.CreateClientWithToken(() => Task.FromResult(token));
    }

    public async Task<Guid> UidOfAsync(string kind, string name) =>
        Guid.Parse((await Http.GetFromJsonAsync<JsonElement>($"/api/catalog/entities/by-name/{kind}/default/{name}"))
            .GetProperty("metadata").GetProperty("uid").GetString()!);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(PolicyFile);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAuditDenials>(new RecordedDenials(Denials));

    private sealed class RecordedDenials(ConcurrentQueue<(string, PolicyDecision, string)> denials) : IAuditDenials
    {
        public Task RecordDeniedAsync(PortalUser actor, PolicyDecision decision, string target, CancellationToken cancellationToken)
        {
            denials.Enqueue((actor.Subject, decision, target));
            return Task.CompletedTask;
        }
    }
}
