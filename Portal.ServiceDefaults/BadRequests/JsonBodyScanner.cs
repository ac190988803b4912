using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>
/// Reads a JSON body once, token by token, before the model binder does: malformed or too deep JSON, bytes that are
/// not UTF-8, NUL and unpaired surrogates in strings are refused with the field, line and column. The binder would
/// replace or pass some of these on (PostgreSQL then refuses NUL in jsonb with a 500); the rest it reports without
/// the field.
/// </summary>
public static class JsonBodyScanner
{
    /// <summary>The depth System.Text.Json allows by default, which the binder uses too.</summary>
    public const int MaxDepth = 64;

    public static BadRequestProblem? Scan(ReadOnlySpan<byte> body)
    {
        var start = body.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var json = body[start..];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var path = new JsonPathTracker();
        try
        {
            while (reader.Read())
            {
                path.Advance(reader);
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                    && StringProblem(ref reader) is { } reason)
                {
                    var (line, column) = Position(json, (int)reader.TokenStartIndex);
                    return new BadRequestProblem(StatusCodes.Status400BadRequest, path.Format(),
                        reader.TokenType == JsonTokenType.PropertyName ? "the property name " + reason : reason, line + 1, column + 1);
                }

                path.AfterToken(reader);
            }
        }
        catch (JsonException exception)
        {
            return new BadRequestProblem(StatusCodes.Status400BadRequest, path.Format(), Reason(exception),
                (exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1);
        }

        return null;
    }

    /// <summary>A JSON path as a field name: <c>$.entity.metadata.links[0]</c> becomes <c>entity.metadata.links[0]</c>, the root <c>body</c>.</summary>
    public static string FieldName(string? jsonPath) => jsonPath switch
    {
        null or "" or "$" => "body",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ when jsonPath.StartsWith('$') => jsonPath[1..],
        _ => jsonPath,
    };

    /// <summary>System.Text.Json's message without the position it appends (reported as fields of their own).</summary>
    public static string Reason(JsonException exception)
    {
        var message = exception.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: ", " | LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd();
    }

    private static string? StringProblem(ref Utf8JsonReader reader)
    {
        if (!Utf8.IsValid(reader.ValueSpan))
        {
            return "is not valid UTF-8; send the body as UTF-8 text";
        }

        if (!reader.ValueIsEscaped)
        {
            return null;
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return "contains an escaped unpaired surrogate (\\uD800–\\uDFFF), which is not text";
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? null : ControlCharacters.Describe('\0', nul);
    }

    private static (long Line, long Column) Position(ReadOnlySpan<byte> json, int offset)
    {
        var before = json[..offset];
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n'), offset - lastNewline - 1);
    }
}
