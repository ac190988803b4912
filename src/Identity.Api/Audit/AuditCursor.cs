using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Identity.Api.Audit;

/// <summary>
/// Where a page of the audit log ended: the last entry's time and id (newest first, the id breaks ties). Opaque to
/// clients: base64url of <c>ticks:id</c>.
/// </summary>
public sealed record AuditCursor(DateTimeOffset OccurredAt, Guid AuditId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{OccurredAt.UtcTicks}:{AuditId:N}")));

    public static bool TryDecode(string text, out AuditCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
            {
                cursor = new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }

        return cursor is not null;
    }
}
