using System.Text;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class JsonScratchTests
{
    [Fact]
    public void A_reused_scratch_starts_empty_even_after_an_unfinished_document()
    {
        using (var first = JsonScratch.Rent())
        {
            first.Writer.WriteStartObject();
            first.Writer.WriteString("left", "over");
        }

        using var second = JsonScratch.Rent();
        second.Writer.WriteStartArray();
        second.Writer.WriteNumberValue(1);
        second.Writer.WriteEndArray();

        Assert.Equal("[1]", Encoding.UTF8.GetString(second.Written));
    }

    [Fact]
    public void A_nested_rent_gets_its_own_buffer()
    {
        using var outer = JsonScratch.Rent();
        outer.Writer.WriteStartObject();
        using (var inner = JsonScratch.Rent())
        {
            Assert.NotSame(outer, inner);
            inner.Writer.WriteStringValue("inner");
            Assert.Equal("\"inner\"", Encoding.UTF8.GetString(inner.Written));
        }

        outer.Writer.WriteString("a", "b");
        outer.Writer.WriteEndObject();
        Assert.Equal("""{"a":"b"}""", Encoding.UTF8.GetString(outer.Written));
    }

    [Fact]
    public void Disposing_twice_does_not_hand_the_same_scratch_to_two_callers()
    {
        var scratch = JsonScratch.Rent();
        scratch.Dispose();
        scratch.Dispose();

        using var one = JsonScratch.Rent();
        using var two = JsonScratch.Rent();
        Assert.NotSame(one, two);
    }
}
