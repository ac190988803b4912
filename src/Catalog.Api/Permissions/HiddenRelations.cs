using System.Text;
using System.Text.Json;
using Catalog.Api.Queries;
using Npgsql;

namespace Catalog.Api.Permissions;

/// <summary>
/// Leaves out of served entities the relations whose target the caller may not read, so that the relations of an
/// entity the caller can read never name one it cannot. Relations to refs with no entity stay (they reveal nothing).
/// </summary>
/// <remarks>
/// Set-based per answer: the relation targets of every entity served are collected first and looked up in one
/// statement, each distinct target once. The stored JSON is edited in place (the hidden relations' bytes cut out of
/// the <c>relations</c> array), never parsed into a document and serialised again; an entity with no hidden relation
/// is served exactly as stored.
/// </remarks>
public static class HiddenRelations
{
    /// <summary>The served JSON of each of <paramref name="entities"/> with the relations <paramref name="scope"/> hides left out.</summary>
    public static async Task<List<string>> RemoveAsync(
        NpgsqlDataSource reads, HiddenTargetCache cache, EntityScope scope, IReadOnlyList<string> entities, CancellationToken ct)
    {
        if (scope.IsEverything || entities.Count == 0)
        {
            return [.. entities];
        }

        var parsed = entities.Select(EntityRelations.Read).ToList();
        var targets = parsed.SelectMany(entity => entity.Relations).Select(relation => relation.TargetRef)
            .Where(target => target.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var hidden = targets.Length == 0 ? [] : await HiddenTargetsAsync(reads, cache, scope, targets, ct);
        return [.. parsed.Select(entity => entity.Without(hidden))];
    }

    /// <summary>Of <paramref name="targets"/> (served refs, lower case as entity keys are), those that exist outside the scope.</summary>
    private static async Task<HashSet<string>> HiddenTargetsAsync(
        NpgsqlDataSource reads, HiddenTargetCache cache, EntityScope scope, string[] targets, CancellationToken ct)
    {
        await using var connection = await reads.OpenConnectionAsync(ct);
        var known = cache.For(await VersionedCache.CurrentVersionAsync(connection, ct));
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var target in targets)
        {
            if (!known.TryGetValue((scope.Key, target), out var isHidden))
            {
                unknown.Add(target);
            }
            else if (isHidden)
            {
                hidden.Add(target);
            }
        }

        if (unknown.Count == 0)
        {
            return hidden;
        }

        await using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = $"SELECT t.entity_ref FROM entities t WHERE t.entity_ref = ANY(@targets) AND NOT ({scope.ToSql(command, "t")})";
        command.Parameters.AddWithValue("targets", unknown.ToArray());
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                found.Add(reader.GetString(0));
            }
        }

        foreach (var target in unknown)
        {
            known[(scope.Key, target)] = found.Contains(target);
        }

        hidden.UnionWith(found);
        return hidden;
    }

    /// <summary>One served entity's UTF-8 bytes, where its <c>relations</c> array is, and where each relation in it is.</summary>
    private sealed record EntityRelations(string Json, byte[] Utf8, int ArrayStart, int ArrayEnd, List<Relation> Relations)
    {
        public static EntityRelations Read(string json)
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            var reader = new Utf8JsonReader(utf8);
            var relations = new List<Relation>();
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new(json, utf8, -1, -1, relations);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("relations"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                var arrayStart = (int)reader.TokenStartIndex;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    var target = reader.TokenType == JsonTokenType.StartObject ? TargetRef(ref reader) : SkipValue(ref reader);
                    relations.Add(new Relation(start, (int)reader.BytesConsumed, target));
                }

                return new(json, utf8, arrayStart, (int)reader.BytesConsumed, relations);
            }

            return new(json, utf8, -1, -1, relations);
        }

        /// <summary>The JSON with the relations whose target is in <paramref name="hidden"/> cut out; the same string when none is.</summary>
        public string Without(HashSet<string> hidden)
        {
            if (hidden.Count == 0 || !Relations.Exists(relation => hidden.Contains(relation.TargetRef)))
            {
                return Json;
            }

            var output = new StringBuilder(Json.Length);
            output.Append(Encoding.UTF8.GetString(Utf8, 0, ArrayStart)).Append('[');
            var first = true;
            foreach (var relation in Relations.Where(relation => !hidden.Contains(relation.TargetRef)))
            {
                output.Append(first ? "" : ",").Append(Encoding.UTF8.GetString(Utf8, relation.Start, relation.End - relation.Start));
                first = false;
            }

            return output.Append(']').Append(Encoding.UTF8.GetString(Utf8, ArrayEnd, Utf8.Length - ArrayEnd)).ToString();
        }

        /// <summary>Reads a relation object to its end; its <c>targetRef</c> ("" when it has none).</summary>
        private static string TargetRef(ref Utf8JsonReader reader)
        {
            var target = "";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTarget = reader.ValueTextEquals("targetRef"u8);
                reader.Read();
                if (isTarget && reader.TokenType == JsonTokenType.String)
                {
                    target = reader.GetString()!.ToLowerInvariant();
                }
                else
                {
                    reader.Skip();
                }
            }

            return target;
        }

        private static string SkipValue(ref Utf8JsonReader reader)
        {
            reader.Skip();
            return "";
        }
    }

    /// <summary>A relation's bytes in the entity's UTF-8 (start inclusive, end exclusive) and its target's ref.</summary>
    private sealed record Relation(int Start, int End, string TargetRef);
}
