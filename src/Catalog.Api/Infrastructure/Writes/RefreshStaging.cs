using Catalog.Api.Processing;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>
/// The temp tables one refresh streams its entities and relations into, chunk by chunk while the location is read,
/// so the service never holds a whole location in memory; <see cref="RefreshWriter"/> applies them afterwards.
/// The processed entity goes in as jsonb, so what is later stitched from it reads exactly as stored entities do.
/// </summary>
public sealed class RefreshStaging
{
    private readonly NpgsqlConnection _connection;

    private RefreshStaging(NpgsqlConnection connection) => _connection = connection;

    public static async Task<RefreshStaging> BeginAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            CREATE TEMP TABLE incoming (
                entity_ref text PRIMARY KEY, kind text, namespace text, name text, parent_ref text,
                input_hash text, processed jsonb, filter_doc text, search_text text,
                errors jsonb NOT NULL DEFAULT '[]') WITH ({CatalogWrites.InlineRows}) ON COMMIT DROP;
            CREATE TEMP TABLE incoming_relations (source_ref text, source_display_ref text, type text, target_ref text, target_key text) ON COMMIT DROP;
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new RefreshStaging(connection);
    }

    /// <remarks>Values are written synchronously: the buffer flushes to a local socket, and an async call per value costs more than it saves.</remarks>
    public async ValueTask AddAsync(IReadOnlyList<ProcessedEntity> entities, CancellationToken ct)
    {
        await using (var importer = await _connection.BeginBinaryImportAsync(
            "COPY incoming (entity_ref, kind, namespace, name, parent_ref, input_hash, processed, filter_doc, search_text) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            foreach (var entity in entities)
            {
                importer.StartRow();
                importer.Write(entity.Ref.Key, NpgsqlDbType.Text);
                importer.Write(entity.Kind, NpgsqlDbType.Text);
                importer.Write(entity.Ref.Namespace, NpgsqlDbType.Text);
                importer.Write(entity.Ref.Name, NpgsqlDbType.Text);
                importer.WriteTextOrNull(entity.ParentRef);
                importer.Write(entity.InputHash, NpgsqlDbType.Text);
                importer.Write(entity.Json, NpgsqlDbType.Jsonb);
                importer.Write(entity.FilterDoc, NpgsqlDbType.Text);
                importer.Write(entity.SearchText, NpgsqlDbType.Text);
            }

            await importer.CompleteAsync(ct);
        }

        await using (var importer = await _connection.BeginBinaryImportAsync(
            "COPY incoming_relations (source_ref, source_display_ref, type, target_ref, target_key) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            foreach (var entity in entities)
            {
                // Relations are served with both ends lower-cased, as Backstage's stringifyEntityRef writes them.
                var sourceDisplayRef = entity.Ref.Key;
                foreach (var relation in entity.Relations)
                {
                    // The entity's own half of each pair; the reverse half is read from the same row by its target.
                    if (!relation.Source.Equals(entity.Ref))
                    {
                        continue;
                    }

                    importer.StartRow();
                    importer.Write(entity.Ref.Key, NpgsqlDbType.Text);
                    importer.Write(sourceDisplayRef, NpgsqlDbType.Text);
                    importer.Write(relation.Type, NpgsqlDbType.Text);
                    importer.Write(relation.Target.Key, NpgsqlDbType.Text);
                    importer.Write(relation.Target.Key, NpgsqlDbType.Text);
                }
            }

            await importer.CompleteAsync(ct);
        }
    }
}
