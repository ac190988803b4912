using System.Buffers.Text;
using System.Text;

namespace Docs.Api.Queries;

/// <summary>The opaque keyset cursor of the build feed: the last entity key of a page, base64url-encoded.</summary>
public static class BuildFeedCursor
{
    public static string Encode(string entityKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(entityKey));

    public static bool TryDecode(string cursor, out string entityKey)
    {
        entityKey = "";
        try
        {
            entityKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return entityKey.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
