using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// The bad-input corpus every service's suite sends: a request as plain strings (so each row is its own test case),
/// with placeholders for bodies too large or too odd to write inline, and the check that it was refused as a 4xx
/// problem naming the field.
/// </summary>
public static class BadInput
{
    /// <summary>Replaced by a JSON value nested 10,000 objects deep.</summary>
    public const string Deep = "{{deep}}";

    /// <summary>Replaced by the single byte 0xE9 (Latin-1 "é"), which is not UTF-8 on its own.</summary>
    public const string NotUtf8 = "{{0xE9}}";

    public const string Json = "application/json";

    /// <summary>The body families sent to every endpoint that reads JSON, each with the field its problem names.</summary>
    public static IEnumerable<(string Body, string Field)> MalformedBodies(string stringField)
    {
        yield return ("{", "body");
        yield return ("", "body");
        yield return ("[]", "body");
        yield return ("{} {}", "body");
        yield return ("{\"" + stringField + "\": 5}", stringField);
        yield return ("{\"" + stringField + "\": {\"a\": " + Deep + "}}", stringField);
        yield return ("{\"" + stringField + "\": \"caf" + NotUtf8 + "\"}", stringField);
        yield return ("{\"" + stringField + "\": \"a\\u0000b\"}", stringField);
        yield return ("{\"" + stringField + "\": \"\\udc00\"}", stringField);
    }

    public static HttpRequestMessage Request(string method, string url, string? body, string? contentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            var expanded = body.Replace(Deep, string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000), StringComparison.Ordinal);
            var parts = expanded.Split(NotUtf8);
            var bytes = new List<byte>();
            for (var i = 0; i < parts.Length; i++)
            {
                bytes.AddRange(i == 0 ? [] : [0xE9]);
                bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
            }

            request.Content = new ByteArrayContent(bytes.ToArray());
        }

        if (contentType is not null)
        {
            request.Content ??= new ByteArrayContent([]);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    /// <summary>
    /// Sends the request and asserts the answer: the expected 4xx, <c>application/problem+json</c>, and the field
    /// named in <c>errors</c> or in <c>detail</c>.
    /// </summary>
    public static async Task<JsonElement> AssertRefusedAsync(
        HttpClient http, string method, string url, string? body, string? contentType, int status, string field)
    {
        using var request = Request(method, url, body, contentType);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{method} {url} {Shorten(body)}";
        Assert.True((int)response.StatusCode == status, $"{what}: expected {status}, got {(int)response.StatusCode} {Shorten(text)}");
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        var named = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                    && errors.EnumerateObject().Any(e => e.Name == field);
        Assert.True(named || detail.Contains(field, StringComparison.Ordinal), $"{what}: '{field}' is not named in {Shorten(text)}");
        Assert.True(detail.Length > field.Length + 5, $"{what}: the detail says too little: {detail}");
        return problem;
    }

    /// <summary>A fingerprint of whole tables, to show that a refused request changed nothing.</summary>
    public static async Task<string> FingerprintAsync(string connectionString, params string[] tables)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM {table} t", connection);
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The number of rows in a table, for tables that background work keeps changing.</summary>
    public static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 300 ? text[..300] + "…" : text;
}
