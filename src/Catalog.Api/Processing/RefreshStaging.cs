using Npgsql;
using NpgsqlTypes;

namespace Catalog.Api.Processing;

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
            """
            CREATE TEMP TABLE incoming (
                entity_ref text PRIMARY KEY, kind text, namespace text, name text, parent_ref text,
                input_hash text, processed jsonb, filter_doc text, search_text text) ON COMMIT DROP;
            CREATE TEMP TABLE incoming_relations (origin_entity_ref text, source_ref text, type text, target_ref text) ON COMMIT DROP;
            """,
            connection, transaction) { CommandTimeout = CatalogWrites.CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new RefreshStaging(connection);
    }

    public async ValueTask AddAsync(IReadOnlyList<ProcessedEntity> entities, CancellationToken ct)
    {
        await using (var importer = await _connection.BeginBinaryImportAsync(
            "COPY incoming (entity_ref, kind, namespace, name, parent_ref, input_hash, processed, filter_doc, search_text) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            foreach (var entity in entities)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(entity.Ref.Key, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Entity["kind"]!.ToString(), NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Ref.Namespace, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Ref.Name, NpgsqlDbType.Text, ct);
                if (entity.ParentRef is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(entity.ParentRef, NpgsqlDbType.Text, ct);
                }

                await importer.WriteAsync(entity.InputHash, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.Json, NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(entity.FilterDoc, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(entity.SearchText, NpgsqlDbType.Text, ct);
            }

            await importer.CompleteAsync(ct);
        }

        await using (var importer = await _connection.BeginBinaryImportAsync(
            "COPY incoming_relations (origin_entity_ref, source_ref, type, target_ref) FROM STDIN (FORMAT BINARY)", ct))
        {
            importer.Timeout = CatalogWrites.CopyTimeout;
            foreach (var entity in entities)
            {
                foreach (var relation in entity.Relations)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(entity.Ref.Key, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(relation.Source.Key, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(relation.Type, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(relation.Target.ToString(), NpgsqlDbType.Text, ct);
                }
            }

            await importer.CompleteAsync(ct);
        }
    }
}
