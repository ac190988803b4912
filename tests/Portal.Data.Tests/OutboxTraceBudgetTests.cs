using System.Diagnostics;
using Portal.Data.Outbox;
using Xunit;

namespace Portal.Data.Tests;

public sealed class OutboxTraceBudgetTests
{
    [Fact]
    public void Each_trace_records_its_budget_and_continues_unsampled_after_it()
    {
        var budget = new OutboxTraceBudget(3);
        var first = Recorded();
        var second = Recorded();

        var firstParents = Enumerable.Range(0, 5).Select(_ => budget.ParentOf(first)).ToArray();
        var secondParents = Enumerable.Range(0, 5).Select(_ => budget.ParentOf(second)).ToArray();

        foreach (var parents in new[] { firstParents, secondParents })
        {
            Assert.Equal(3, parents.Count(p => p.TraceFlags == ActivityTraceFlags.Recorded));
            Assert.Equal(parents[0].TraceId, parents[4].TraceId);
            Assert.Equal(parents[0].SpanId, parents[4].SpanId);
            Assert.Equal(ActivityTraceFlags.None, parents[4].TraceFlags);
        }
    }

    [Fact]
    public void Unsampled_and_missing_parents_pass_through_and_a_negative_budget_records_everything()
    {
        var budget = new OutboxTraceBudget(0);
        var unsampled = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00";
        var everything = new OutboxTraceBudget(-1);
        var recorded = Recorded();

        Assert.Equal(ActivityTraceFlags.None, budget.ParentOf(unsampled).TraceFlags);
        Assert.Equal(default, budget.ParentOf(null));
        Assert.Equal(default, budget.ParentOf("not a traceparent"));
        Assert.Equal(ActivityTraceFlags.None, budget.ParentOf(recorded).TraceFlags);
        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.Equal(ActivityTraceFlags.Recorded, everything.ParentOf(recorded).TraceFlags));
    }

    private static string Recorded() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
}
