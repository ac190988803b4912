using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// Reads the audit log that <see cref="TestIdentityProvider"/> keeps (it consumes every service's <c>AuditRecorded</c>
/// on the suite's virtual host), as <c>portal-automation</c>, an admin under the default policy.
/// </summary>
public static class AuditLogReader
{
    /// <summary>One page of <c>GET /api/audit/events?{query}</c>; fails the test unless it answered 200.</summary>
    public static async Task<JsonElement> AuditPageAsync(this TestIdentityProvider identity, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/audit/events?{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await identity.ServiceTokenAsync("portal-automation"));
        using var response = await identity.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/audit/events?{query}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// The entries matching <paramref name="query"/> once there are at least <paramref name="count"/>, read again a
    /// moment later so that an extra (duplicate) entry on its way shows up in the count the test asserts.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> AuditEntriesAsync(this TestIdentityProvider identity, string query, int count = 1)
    {
        await Eventually.GetAsync(
            () => EntriesAsync(identity, query), entries => entries.Count >= count, TimeSpan.FromSeconds(30),
            $"{count} audit entries matching {query}", entries => $"{entries.Count} entries");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        return await EntriesAsync(identity, query);
    }

    private static async Task<IReadOnlyList<JsonElement>> EntriesAsync(TestIdentityProvider identity, string query) =>
        (await identity.AuditPageAsync(query)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>A query-string value.</summary>
    public static string Q(string value) => Uri.EscapeDataString(value);
}
