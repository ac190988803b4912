using System.Buffers;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>
/// The one rule for control characters in text a caller sends: none in parameters (query, route, header values we
/// read), no NUL anywhere. PostgreSQL text and jsonb cannot hold NUL, and no name, filter or term needs a control
/// character.
/// </summary>
public static class ControlCharacters
{
    // char.IsControl's set: C0, DEL and C1. Checked on every query and route value of every request, so vectorized.
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(code => (char)code).Where(char.IsControl)]);

    /// <summary>The index of the first control character (C0, DEL or C1) in <paramref name="value"/>, or -1.</summary>
    public static int IndexOfAny(string? value) => value.AsSpan().IndexOfAny(Controls);

    /// <summary>Why <paramref name="value"/> is refused, or null when it has no control character.</summary>
    public static string? Problem(string? value)
    {
        var index = IndexOfAny(value);
        return index < 0 ? null : Describe(value![index], index);
    }

    public static string Describe(char character, int index) =>
        $"contains the control character U+{(int)character:X4} at position {index + 1}; text here cannot hold control characters";
}
