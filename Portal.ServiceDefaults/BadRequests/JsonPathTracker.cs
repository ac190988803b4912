using System.Text;
using System.Text.Json;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>The path of the token a <see cref="Utf8JsonReader"/> is on, to name the field a problem is in.</summary>
internal sealed class JsonPathTracker
{
    private const int MaxLength = 120;

    private readonly List<Frame> _frames = [];

    /// <summary>Called on every token before it is inspected: counts array elements and remembers property names.</summary>
    public void Advance(Utf8JsonReader reader)
    {
        if (_frames.Count == 0)
        {
            return;
        }

        var top = _frames[^1];
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            top.Property = reader.ValueIsEscaped || !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan)
                ? SafeName(reader)
                : Encoding.UTF8.GetString(reader.ValueSpan);
        }
        else if (top.IsArray && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
        {
            top.Index++;
        }
    }

    /// <summary>Called after a token is inspected: enters and leaves objects and arrays.</summary>
    public void AfterToken(Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                _frames.Add(new Frame(false));
                break;
            case JsonTokenType.StartArray:
                _frames.Add(new Frame(true));
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                _frames.RemoveAt(_frames.Count - 1);
                break;
        }
    }

    public string Format()
    {
        var path = new StringBuilder();
        foreach (var frame in _frames)
        {
            if (frame.IsArray && frame.Index >= 0)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (!frame.IsArray && frame.Property is { } property)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(property);
            }
        }

        return path.Length switch
        {
            0 => "body",
            > MaxLength => path.ToString(0, MaxLength) + "…",
            _ => path.ToString(),
        };
    }

    private static string SafeName(Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!.Replace('\0', '?');
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}
