using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace Docs.Api.Storage;

/// <summary>
/// Keeps sites in the docs database (<c>docs_site_files</c>), which every replica reads, so a site built by one replica
/// is served by all. A build's files are written in one transaction: readers see all of them or none, and a build that
/// fails while publishing leaves nothing behind.
/// </summary>
public sealed class PostgresDocsPublisher(NpgsqlDataSource dataSource) : IDocsPublisher
{
    public async Task PublishAsync(SiteKey site, Guid buildId, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var rows = files.Select(file => (Path: SitePath.Normalize(file.Key)
            ?? throw new InvalidOperationException($"site file '{file.Key}' would leave the site"), Content: file.Value)).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A build published again (a retry after a lost connection) replaces what it had stored.
        await using (var delete = new NpgsqlCommand("DELETE FROM docs_site_files WHERE site = @site AND build_id = @build", connection, transaction))
        {
            delete.Parameters.AddWithValue("site", site.ToString());
            delete.Parameters.AddWithValue("build", buildId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY docs_site_files (site, build_id, path, content, content_type, size, hash) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (path, content) in rows)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(site.ToString(), NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(buildId, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(path, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(content, NpgsqlDbType.Bytea, cancellationToken);
                await import.WriteAsync(SitePath.ContentTypeOf(path), NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync((long)content.Length, NpgsqlDbType.Bigint, cancellationToken);
                await import.WriteAsync(Convert.ToHexStringLower(SHA256.HashData(content)), NpgsqlDbType.Text, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<StoredFile?> ReadAsync(SiteKey site, Guid buildId, string path, CancellationToken cancellationToken)
    {
        if (SitePath.Normalize(path) is not { } relative)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT content, content_type, size, hash FROM docs_site_files WHERE site = @site AND build_id = @build AND path = @path");
        command.Parameters.AddWithValue("site", site.ToString());
        command.Parameters.AddWithValue("build", buildId);
        command.Parameters.AddWithValue("path", relative);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var content = reader.GetFieldValue<byte[]>(0);
        return new StoredFile(new MemoryStream(content, writable: false), reader.GetString(1), reader.GetInt64(2), $"\"{reader.GetString(3)}\"");
    }

    public async Task DeleteBuildsAsync(SiteKey site, IReadOnlyCollection<Guid> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        await using var command = dataSource.CreateCommand("DELETE FROM docs_site_files WHERE site = @site AND NOT (build_id = ANY(@keep))");
        command.Parameters.AddWithValue("site", site.ToString());
        command.Parameters.AddWithValue("keep", keep.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
