using System.Net;
using System.Text.Json;
using Xunit;

namespace Catalog.Api.Tests.Permissions;

/// <summary>Assertions on the catalog's answers to permission checks.</summary>
internal static class Answers
{
    /// <summary>The contract's 403 problem: type, title, the permission, the rule and its line.</summary>
    public static async Task<JsonElement> AssertForbiddenAsync(HttpResponseMessage response, string permission, string rule, int? line)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"expected 403, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal("https://portal.dev/problems/forbidden", problem.GetProperty("type").GetString());
        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal(permission, problem.GetProperty("permission").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal(line, problem.GetProperty("line").ValueKind == JsonValueKind.Null ? null : problem.GetProperty("line").GetInt32());
        Assert.Contains($"may not {permission} on ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($": rule '{rule}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }

    public static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode} {text}");
    }

    public static List<string> Names(JsonElement items) =>
        items.EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();

    public static List<string> RelationTargets(JsonElement entity) =>
        entity.GetProperty("relations").EnumerateArray().Select(r => r.GetProperty("targetRef").GetString()!).ToList();
}
