using Npgsql;
using NpgsqlTypes;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>Limits of the refresh transaction's statements, and what its COPY writers share.</summary>
public static class CatalogWrites
{
    /// <summary>
    /// A location of 100,000 entities is stored in a handful of set-based statements that each touch every row, so
    /// they may run far longer than Npgsql's default 30 s; a refresh is one transaction, claimed and retried as a whole.
    /// </summary>
    public const int CommandTimeoutSeconds = 1800;

    public static readonly TimeSpan CopyTimeout = TimeSpan.FromSeconds(CommandTimeoutSeconds);

    /// <summary>
    /// Storage parameter of the tables that hold whole entities (2-3 kB a row): rows up to a page stay inline and
    /// uncompressed instead of being pglz-compressed and toasted past 2 kB (migration <c>InlineEntityRows</c>).
    /// </summary>
    public const string InlineRows = "toast_tuple_target = 8160";

    /// <summary>Writes a nullable text column of a binary COPY row.</summary>
    public static void WriteTextOrNull(this NpgsqlBinaryImporter importer, string? value)
    {
        ArgumentNullException.ThrowIfNull(importer);
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }
}
