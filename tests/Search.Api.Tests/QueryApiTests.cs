using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Search.Api.Engine;
using Xunit;

namespace Search.Api.Tests;

[Collection(SearchCollection.Name)]
public sealed class QueryApiTests(SearchApp app)
{
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    /// <summary>Thirty "summit" components (three owners, two lifecycles) and a few with distinctive words.</summary>
    private async Task SeedAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            for (var i = 0; i < 30; i++)
            {
                var name = $"summit-{i:00}";
                await app.PublishAsync(Events.Registered("Component", name, 1_000 + i, Events.Entity("Component", name,
                    $"Summit planner number {i} for alpine routes", type: i % 2 == 0 ? "service" : "website",
                    lifecycle: i % 3 == 0 ? "experimental" : "production", owner: $"team-{i % 3}", tags: ["alpine", $"tier-{i % 2}"])));
            }

            await app.PublishAsync(Events.Registered("Component", "payments-service", 2_000,
                Events.Entity("Component", "payments-service", "Takes card payments for orders", title: "Payments Service", owner: "team-money")));
            await app.PublishAsync(Events.Registered("Component", "ledger", 2_001,
                Events.Entity("Component", "ledger", "Books every payments transaction into the ledger", owner: "team-money")));
            await app.PublishAsync(Events.Registered("API", "payments-api", 2_002,
                Events.Entity("API", "payments-api", "The payments REST API", type: "openapi", owner: "team-money")));
            await app.QueryUntilAsync("term=alpine&pageLimit=100", r => r.GetArrayLength() == 30, "the summit components");
            await app.QueryUntilAsync("term=payments", r => r.GetArrayLength() == 3, "the payments entities");
            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }

    private static IEnumerable<string?> Names(JsonElement page) =>
        page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("document").GetProperty("name").GetString());

    [Fact]
    public async Task Title_matches_rank_above_text_matches_and_are_highlighted()
    {
        await SeedAsync();
        var page = await app.QueryAsync("term=payments");
        var names = Names(page).ToList();
        Assert.Equal(["payments-api", "payments-service"], names.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal("ledger", names[2]);
        Assert.Equal([1, 2, 3], page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));
        var service = page.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("document").GetProperty("name").GetString() == "payments-service");
        var highlight = service.GetProperty("highlight");
        Assert.Equal(Highlighting.PreTag, highlight.GetProperty("preTag").GetString());
        Assert.Equal($"{Highlighting.PreTag}Payments{Highlighting.PostTag} Service", highlight.GetProperty("fields").GetProperty("title").GetString());
        Assert.Contains($"{Highlighting.PreTag}payments{Highlighting.PostTag}", highlight.GetProperty("fields").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Filters_narrow_by_kind_and_lifecycle_and_facets_count_the_query()
    {
        await SeedAsync();
        var apis = await app.QueryAsync("term=payments&filters[kind]=api");
        Assert.Equal(["payments-api"], Names(apis));

        var page = await app.QueryAsync("term=alpine&filters[lifecycle]=experimental&pageLimit=100");
        Assert.Equal(10, page.GetProperty("numberOfResults").GetInt32());
        Assert.All(page.GetProperty("results").EnumerateArray(),
            r => Assert.Equal("experimental", r.GetProperty("document").GetProperty("lifecycle").GetString()));

        var facets = (await app.QueryAsync("term=alpine")).GetProperty("facets");
        Assert.Equal(15, Count(facets, "type", "service"));
        Assert.Equal(20, Count(facets, "lifecycle", "production"));
        Assert.Equal(10, Count(facets, "owner", "group:default/team-1"));
        Assert.Equal(30, Count(facets, "tags", "alpine"));
        Assert.Equal(30, Count(facets, "kind", "Component"));

        var owned = await app.QueryAsync("term=alpine&filters[owner]=team-2&filters[tags][0]=tier-0&pageLimit=100");
        Assert.Equal(5, owned.GetProperty("numberOfResults").GetInt32());

        static int Count(JsonElement facets, string facet, string value) =>
            facets.GetProperty(facet).EnumerateArray().Single(v => v.GetProperty("value").GetString() == value).GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task Cursors_page_through_every_result_once()
    {
        await SeedAsync();
        var seen = new List<string?>();
        var page = await app.QueryAsync("term=summit&pageLimit=7");
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previousPageCursor").ValueKind);
        string? previous = null;
        while (true)
        {
            seen.AddRange(Names(page));
            if (page.GetProperty("nextPageCursor").GetString() is not { } next)
            {
                break;
            }

            previous = next;
            page = await app.QueryAsync($"term=summit&pageLimit=7&pageCursor={Uri.EscapeDataString(next)}");
        }

        Assert.Equal(30, seen.Count);
        Assert.Equal(30, seen.Distinct().Count());
        Assert.NotNull(previous);
        var back = await app.QueryAsync($"term=summit&pageLimit=7&pageCursor={Uri.EscapeDataString(page.GetProperty("previousPageCursor").GetString()!)}");
        Assert.Equal(seen.Skip(21).Take(7), Names(back));
    }

    [Fact]
    public async Task A_typo_still_finds_the_title()
    {
        await SeedAsync();
        var page = await app.QueryAsync("term=paymnets");
        Assert.Contains("payments-service", Names(page));
        Assert.True(page.GetProperty("fuzzy").GetBoolean());
    }

    [Fact]
    public async Task The_last_word_matches_as_a_prefix_while_typing()
    {
        await SeedAsync();
        Assert.Contains("payments-service", Names(await app.QueryAsync("term=paym")));
        Assert.Equal(["ledger"], Names(await app.QueryAsync("term=transaction led")));
    }

    [Fact]
    public async Task Web_search_syntax_quotes_minus_and_or_work()
    {
        await SeedAsync();
        Assert.Equal(["payments-api"], Names(await app.QueryAsync("term=" + Uri.EscapeDataString("\"payments REST\""))));
        Assert.DoesNotContain("ledger", Names(await app.QueryAsync("term=" + Uri.EscapeDataString("payments -ledger"))));
        var either = Names(await app.QueryAsync("term=" + Uri.EscapeDataString("ledger or card"))).ToHashSet();
        Assert.Equal(["ledger", "payments-service"], either.Order());
    }

    [Fact]
    public async Task Suggest_returns_at_most_eight_titles_for_a_prefix()
    {
        await SeedAsync();
        var suggestions = await app.Http.GetFromJsonAsync<JsonElement>("/api/search/suggest?term=summ");
        var titles = suggestions.GetProperty("results").EnumerateArray().Select(s => s.GetProperty("title").GetString()!).ToList();
        Assert.Equal(8, titles.Count);
        Assert.All(titles, t => Assert.StartsWith("summit-", t, StringComparison.Ordinal));

        var words = await app.Http.GetFromJsonAsync<JsonElement>("/api/search/suggest?term=serv");
        Assert.Contains(words.GetProperty("results").EnumerateArray(), s => s.GetProperty("title").GetString() == "Payments Service");
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("-")]
    [InlineData("or")]
    [InlineData("(payments")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("''''")]
    [InlineData("%_\\")]
    public async Task Odd_terms_get_a_sane_answer(string term)
    {
        await SeedAsync();
        var response = await app.Http.GetAsync("/api/search/query?term=" + Uri.EscapeDataString(term));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var suggest = await app.Http.GetAsync("/api/search/suggest?term=" + Uri.EscapeDataString(term));
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
    }

    [Theory]
    [InlineData("filters[color]=red", "filters[color]")]
    [InlineData("types[0]=wiki", "types[0]")]
    [InlineData("pageLimit=0", "pageLimit")]
    [InlineData("pageLimit=abc", "pageLimit")]
    [InlineData("pageCursor=%%%", "pageCursor")]
    [InlineData("pageCursor=bm90LWEtbnVtYmVy", "pageCursor")]
    public async Task Bad_parameters_get_a_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await app.Http.GetAsync("/api/search/query?term=x&" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_ten_kilobyte_term_gets_a_clear_400()
    {
        var response = await app.Http.GetAsync("/api/search/query?term=" + new string('a', 10_240));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("10240", problem.GetProperty("errors").GetProperty("term")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_term_lists_documents_by_filter()
    {
        await SeedAsync();
        var page = await app.QueryAsync("filters[owner]=team-money&pageLimit=10");
        Assert.Equal(["ledger", "payments-api", "payments-service"], Names(page).Order());
    }
}
