using System.Net;
using Portal.Testing;
using Xunit;
using static Catalog.Api.Tests.Permissions.Answers;

namespace Catalog.Api.Tests.Permissions;

/// <summary>The policy file is reloaded when it changes; a file with errors is refused and the previous policy stays.</summary>
public sealed class PolicyReloadTests(PolicyCatalogApp app) : IClassFixture<PolicyCatalogApp>
{
    [Fact]
    public async Task A_changed_policy_applies_within_seconds_and_a_broken_one_keeps_the_previous()
    {
        using var ann = await app.AsAsync("ann");
        await AssertStatusAsync(await ann.GetAsync("/api/catalog/entities/by-query"), HttpStatusCode.OK);

        await File.WriteAllTextAsync(app.PolicyFile, TestPolicy.Text.Replace(
            "  - name: team-b-reads-everything", "  - name: ann-reads-nothing\n    principals: [user:default/ann]\n    permissions: [catalog.entity.read]\n    decision: deny\n  - name: team-b-reads-everything", StringComparison.Ordinal));
        await Eventually.GetAsync(async () => (await ann.GetAsync("/api/catalog/entities/by-query")).StatusCode,
            status => status == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(15), "the changed policy to apply");
        await AssertForbiddenAsync(await ann.GetAsync("/api/catalog/entities/by-query"), "catalog.entity.read", "ann-reads-nothing", 8);

        await File.WriteAllTextAsync(app.PolicyFile, "rules:\n  - name: everyone-everything\n    permissions: [\"*\"]\n    decision: allow\n  - name: broken\n    decision: allow\n");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await AssertForbiddenAsync(await ann.GetAsync("/api/catalog/entities/by-query"), "catalog.entity.read", "ann-reads-nothing", 8);

        await File.WriteAllTextAsync(app.PolicyFile, TestPolicy.Text);
        await Eventually.GetAsync(async () => (await ann.GetAsync("/api/catalog/entities/by-query")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "the fixed policy to apply");
    }

    [Fact]
    public async Task A_policy_with_errors_stops_the_start_naming_the_file_and_each_line()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"portal-broken-policy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(broken, "rules:\n  - name: a\n    permissions: [catalog.entity.raed]\n    decision: allow\n  - name: b\n    permissions: [search.read]\n    decision: sometimes\n");
        var errors = new StringWriter();
        var console = Console.Error;
        try
        {
            Console.SetError(errors);
            using var factory = app.Factory.WithWebHostBuilder(web => web.UseSetting("Permissions:PolicyFile", broken));
            Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        }
        finally
        {
            Console.SetError(console);
            File.Delete(broken);
        }

        var message = errors.ToString();
        Assert.Contains(broken, message, StringComparison.Ordinal);
        Assert.Contains("line 3, column 19: unknown permission 'catalog.entity.raed'", message, StringComparison.Ordinal);
        Assert.Contains("line 7, column 15: decision 'sometimes'", message, StringComparison.Ordinal);
    }
}
