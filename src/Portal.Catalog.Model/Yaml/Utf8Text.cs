using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Portal.Catalog.Model;

/// <summary>
/// Decodes a catalog file's bytes strictly: invalid UTF-8 is a problem with its line and column, never a silent U+FFFD
/// that would be stored and served as if the file had said it. A leading UTF-8 byte order mark is dropped.
/// </summary>
public static class Utf8Text
{
    public static bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out EntityProblem? problem)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                (text, problem) = (new string(chars, 0, written), null);
                return true;
            }

            (text, problem) = (null, Locate(bytes, read));
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static EntityProblem Locate(ReadOnlySpan<byte> bytes, int invalidAt)
    {
        var before = bytes[..invalidAt];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        var what = invalidAt < bytes.Length ? $"byte 0x{bytes[invalidAt]:X2}" : "the last character";
        return new EntityProblem("", $"the file is not valid UTF-8: {what} does not form a character", line, column);
    }
}
