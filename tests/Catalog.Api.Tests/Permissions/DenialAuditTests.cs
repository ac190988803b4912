using System.Net;
using System.Net.Http.Json;
using Portal.Testing;
using Xunit;
using static Portal.Testing.AuditLogReader;

namespace Catalog.Api.Tests.Permissions;

/// <summary>
/// Denied mutations end to end: the catalog under the test policy, with the real audit trail (its outbox, the bus, the
/// identity provider's store): each denial is one <c>denied</c> entry naming the rule, and changes nothing else.
/// </summary>
public sealed class DenialAuditTests(DenialAuditTests.App app) : IClassFixture<DenialAuditTests.App>
{
    [Fact]
    public async Task Each_denied_mutation_is_one_denied_entry_naming_the_rule()
    {
        using var ben = await app.AsAsync("ben");
        using var carl = await app.AsAsync("carl");
        var website = Guid.Parse((await app.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/catalog/entities/by-name/component/default/a-website"))
            .GetProperty("metadata").GetProperty("uid").GetString()!);

        Assert.Equal(HttpStatusCode.Forbidden, (await ben.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "component:default/a-service" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.DeleteAsync($"/api/catalog/entities/by-uid/{website}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carl.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = app.WriteFile("carl/catalog-info.yaml", "") })).StatusCode);

        var refresh = Assert.Single(await app.Identity.AuditEntriesAsync($"actor={Q("user:default/ben")}&target={Q("component:default/a-service")}"));
        Assert.Equal("catalog.entity.refresh", refresh.GetProperty("action").GetString());
        Assert.Equal("denied", refresh.GetProperty("outcome").GetString());
        Assert.Equal("owners-manage", refresh.GetProperty("reason").GetString());
        var delete = Assert.Single(await app.Identity.AuditEntriesAsync($"actor={Q("user:default/ben")}&target={Q("component:default/a-website")}"));
        Assert.Equal("catalog.entity.delete", delete.GetProperty("action").GetString());
        Assert.Equal("denied", delete.GetProperty("outcome").GetString());
        var register = Assert.Single(await app.Identity.AuditEntriesAsync($"actor={Q("user:default/carl")}&action=catalog.location.create"));
        Assert.Equal("catalog.location.create", register.GetProperty("action").GetString());
        Assert.Equal("carl-may-not-touch-the-catalog", register.GetProperty("reason").GetString());
        // Nothing the catalog did for ben succeeded (his sign-in, recorded by the identity service, did).
        Assert.DoesNotContain((await app.Identity.AuditPageAsync($"actor={Q("user:default/ben")}&outcome=succeeded")).GetProperty("items").EnumerateArray(),
            entry => entry.GetProperty("service").GetString() == "catalog");
    }

    /// <summary>The catalog with the permission tests' policy and the teams' entities, recording denials for real.</summary>
    public sealed class App : CatalogApp
    {
        private static readonly string PolicyFile = Path.Combine(Path.GetTempPath(), $"portal-denial-audit-{Guid.NewGuid():N}.yaml");

        public App()
            : base(("Permissions:PolicyFile", WritePolicy()))
        {
        }

        private bool _seeded;

        public async Task<HttpClient> AsAsync(string username)
        {
            if (!_seeded)
            {
                await RegisterAsync(WriteFile("teams/catalog-info.yaml", TestPolicy.SharedCatalog));
                _seeded = true;
            }

            var token = await Identity.UserTokenWhenKnownAsync(username);
            return Factory.CreateClientWithToken(() => Task.FromResult(token));
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(PolicyFile);
        }

        private static string WritePolicy()
        {
            File.WriteAllText(PolicyFile, TestPolicy.Text);
            return PolicyFile;
        }
    }
}
