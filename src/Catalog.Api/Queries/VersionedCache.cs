using System.Collections.Concurrent;
using Npgsql;

namespace Catalog.Api.Queries;

/// <summary>
/// Derived answers (counts, facets) cached per replica and keyed by the catalog version, which every write bumps:
/// a cached value is only ever served for the version it was computed at.
/// </summary>
public sealed class VersionedCache
{
    private const int MaxEntries = 2_000;
    private readonly ConcurrentDictionary<string, (long Version, object Value)> _entries = new();

    /// <summary>The current version as a scalar subquery: a read selects it beside its rows, in the same snapshot and round trip.</summary>
    public const string CurrentVersionSql = "(SELECT version FROM catalog_state WHERE id = 1)";

    public static async Task<long> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {CurrentVersionSql}", connection);
        return (long)(await command.ExecuteScalarAsync(ct) ?? 0L);
    }

    public async Task<T> GetOrAddAsync<T>(string key, long version, Func<Task<T>> compute) where T : notnull
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version)
        {
            return (T)entry.Value;
        }

        var value = await compute();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = (version, value);
        return value;
    }
}
