using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

public sealed class ReadTraceBudgetTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Reads_that_start_a_trace_are_recorded_up_to_the_budget_each_second()
    {
        var budget = new ReadTraceBudget(3, _time);

        var firstSecond = Enumerable.Range(0, 10).Count(_ => budget.ShouldRecord(Request("GET", "/api/catalog/entities")));
        _time.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = Enumerable.Range(0, 10).Count(_ => budget.ShouldRecord(Request("HEAD", "/api/catalog/entities")));

        Assert.Equal(3, firstSecond);
        Assert.Equal(3, nextSecond);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public void Writes_are_always_recorded(string method)
    {
        var budget = new ReadTraceBudget(0, _time);

        Assert.True(budget.ShouldRecord(Request(method, "/api/catalog/locations")));
        Assert.False(budget.ShouldRecord(Request("GET", "/api/catalog/locations")));
    }

    [Fact]
    public void A_read_that_continues_a_callers_trace_is_recorded_whatever_the_budget()
    {
        var budget = new ReadTraceBudget(0, _time);
        using var span = new Activity("incoming");
        span.SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        span.Start();

        Assert.True(budget.ShouldRecord(Request("GET", "/api/catalog/entities", span)));
    }

    [Fact]
    public void Probes_are_never_recorded_and_a_negative_budget_records_every_read()
    {
        var everyRead = new ReadTraceBudget(-1, _time);

        Assert.False(everyRead.ShouldRecord(Request("GET", "/health")));
        Assert.False(everyRead.ShouldRecord(Request("GET", "/alive")));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(everyRead.ShouldRecord(Request("GET", "/api/search/query"))));
    }

    private static DefaultHttpContext Request(string method, string path, Activity? activity = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (activity is not null)
        {
            context.Features.Set<IHttpActivityFeature>(new ActivityFeature(activity));
        }

        return context;
    }

    private sealed class ActivityFeature(Activity activity) : IHttpActivityFeature
    {
        public Activity Activity { get; set; } = activity;
    }
}
