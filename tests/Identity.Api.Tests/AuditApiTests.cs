using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portal.Testing;
using Xunit;
using static Portal.Testing.AuditLogReader;

namespace Identity.Api.Tests;

/// <summary><c>GET /api/audit/events</c>: entries from the bus, stored once, filtered, paged newest first, only for <c>audit.read</c>.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AuditApiTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task A_redelivered_entry_is_stored_once()
    {
        var actor = $"user:default/{CatalogEvents.UniqueName("redelivered")}";
        var entry = AuditEntries.Entry(actor, "component:default/a", DateTimeOffset.UtcNow);
        var marker = AuditEntries.Entry(actor, "component:default/marker", DateTimeOffset.UtcNow.AddSeconds(1));

        await app.PublishAsync(entry, entry, marker);

        var entries = await Provider.AuditEntriesAsync($"actor={Q(actor)}", count: 2);
        Assert.Equal([marker.AuditId, entry.AuditId], entries.Select(e => e.GetProperty("auditId").GetGuid()));
    }

    [Fact]
    public async Task An_entry_serves_every_member_of_the_event()
    {
        var actor = $"user:default/{CatalogEvents.UniqueName("members")}";
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var entry = AuditEntries.Entry(actor, "location:x", at, "catalog.location.delete", "denied", "owners-delete-their-locations");

        await app.PublishAsync(entry);

        var served = Assert.Single(await Provider.AuditEntriesAsync($"actor={Q(actor)}"));
        Assert.Equal(entry.AuditId, served.GetProperty("auditId").GetGuid());
        Assert.Equal("user", served.GetProperty("actorKind").GetString());
        Assert.Equal("catalog.location.delete", served.GetProperty("action").GetString());
        Assert.Equal("location:x", served.GetProperty("target").GetString());
        Assert.Equal("denied", served.GetProperty("outcome").GetString());
        Assert.Equal("owners-delete-their-locations", served.GetProperty("reason").GetString());
        Assert.Equal(entry.TraceId, served.GetProperty("traceId").GetString());
        Assert.Equal("catalog", served.GetProperty("service").GetString());
        Assert.Equal(at.ToUnixTimeMilliseconds(), served.GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Filters_by_action_target_outcome_and_time_narrow_the_actors_entries()
    {
        var actor = $"user:default/{CatalogEvents.UniqueName("filters")}";
        var now = DateTimeOffset.UtcNow;
        var old = AuditEntries.Entry(actor, "component:default/a", now.AddHours(-3), "catalog.entity.delete");
        var denied = AuditEntries.Entry(actor, "component:default/b", now.AddHours(-2), "catalog.entity.delete", "denied", "default-deny");
        var recent = AuditEntries.Entry(actor, "component:default/a", now.AddHours(-1), "catalog.entity.refresh");
        await app.PublishAsync(old, denied, recent);
        await Provider.AuditEntriesAsync($"actor={Q(actor)}", count: 3);

        async Task<List<Guid>> Ids(string filter) =>
            (await Provider.AuditPageAsync($"actor={Q(actor)}&{filter}")).GetProperty("items").EnumerateArray()
                .Select(e => e.GetProperty("auditId").GetGuid()).ToList();

        Assert.Equal([denied.AuditId, old.AuditId], await Ids("action=catalog.entity.delete"));
        Assert.Equal([recent.AuditId, old.AuditId], await Ids($"target={Q("component:default/a")}"));
        Assert.Equal([denied.AuditId], await Ids("outcome=denied"));
        Assert.Equal([denied.AuditId, old.AuditId], await Ids($"to={Q(now.AddHours(-1.5).ToString("O"))}"));
        Assert.Equal([recent.AuditId, denied.AuditId], await Ids($"from={Q(now.AddHours(-2).ToString("O"))}"));
        Assert.Empty(await Ids($"actor={Q("user:default/nobody-at-all")}"));
    }

    [Fact]
    public async Task Pages_go_newest_first_through_a_cursor_to_the_end_even_when_times_tie()
    {
        var actor = $"user:default/{CatalogEvents.UniqueName("pages")}";
        var now = DateTimeOffset.UtcNow;
        var tie = now.AddMinutes(-2);
        var entries = new[]
        {
            AuditEntries.Entry(actor, "t1", now.AddMinutes(-4)), AuditEntries.Entry(actor, "t2", now.AddMinutes(-3)),
            AuditEntries.Entry(actor, "t3", tie), AuditEntries.Entry(actor, "t4", tie), AuditEntries.Entry(actor, "t5", now.AddMinutes(-1)),
        };
        await app.PublishAsync(entries);
        await Provider.AuditEntriesAsync($"actor={Q(actor)}", count: 5);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Provider.AuditPageAsync($"actor={Q(actor)}&limit=2" + (cursor is null ? "" : $"&cursor={Q(cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("auditId").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        var expected = entries.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.AuditId).Select(e => e.AuditId).ToList();
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("from=yesterday")]
    public async Task A_bad_query_is_a_400_problem(string query)
    {
        var (status, body) = await GetAsync($"api/audit/events?{query}", await Provider.ServiceTokenAsync("portal-automation"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InputError", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_user_the_policy_does_not_allow_audit_read_gets_403_naming_the_rule()
    {
        var (status, body) = await GetAsync("api/audit/events", await Provider.UserTokenAsync(await app.KnownUserAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("https://portal.dev/problems/forbidden", body.GetProperty("type").GetString());
        Assert.Equal("audit.read", body.GetProperty("permission").GetString());
        Assert.Equal("only-admins-audit-and-reindex", body.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_service_that_is_not_an_admin_gets_403_and_no_token_gets_401()
    {
        var (serviceStatus, _) = await GetAsync("api/audit/events", await Provider.ServiceTokenAsync("catalog"));
        using var anonymous = await Provider.Http.GetAsync("api/audit/events");

        Assert.Equal(HttpStatusCode.Forbidden, serviceStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Provider.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
