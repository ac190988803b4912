using System.Text;
using Xunit;

namespace Portal.Catalog.Model.Tests;

public sealed class Utf8TextTests
{
    [Fact]
    public void Valid_text_is_decoded_and_a_byte_order_mark_dropped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name: café ☕\n")).ToArray();

        Assert.True(Utf8Text.TryDecode(bytes, out var text, out _));
        Assert.Equal("name: café ☕\n", text);
    }

    [Fact]
    public void An_invalid_byte_is_reported_at_its_line_and_column_not_replaced()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("kind: Component\nmetadata:\n  name: é"), 0xFF, .. Encoding.UTF8.GetBytes("x\n")];

        Assert.False(Utf8Text.TryDecode(bytes, out _, out var problem));
        Assert.Equal("the file is not valid UTF-8: byte 0xFF does not form a character (line 3, column 10)", problem.ToString());
    }

    [Fact]
    public void A_truncated_character_at_the_end_is_invalid()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a: b\n"), 0xE2, 0x98];

        Assert.False(Utf8Text.TryDecode(bytes, out _, out var problem));
        Assert.Equal((2, 1), (problem.Line, problem.Column));
    }

    [Fact]
    public void An_empty_file_is_empty_text()
    {
        Assert.True(Utf8Text.TryDecode([], out var text, out _));
        Assert.Equal("", text);
    }
}
