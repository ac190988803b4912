using System.Buffers;
using System.Collections.Concurrent;
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
    /// <summary>
    /// The served JSON of each of <paramref name="entities"/> with the relations <paramref name="scope"/> hides left out;
    /// <paramref name="version"/> is the catalog version the entities were read at (<see cref="VersionedCache.CurrentVersionSql"/>).
    /// </summary>
    public static async Task<List<string>> RemoveAsync(
        NpgsqlDataSource reads, HiddenTargetCache cache, EntityScope scope, IReadOnlyList<string> entities, long version, CancellationToken ct)
    {
        if (scope.IsEverything || entities.Count == 0)
        {
            return [.. entities];
        }

        var parsed = entities.Select(EntityRelations.Read).ToList();
        var targets = parsed.SelectMany(entity => entity.Relations).Select(relation => relation.TargetRef)
            .Where(target => target.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var hidden = targets.Length == 0 ? [] : await HiddenTargetsAsync(reads, cache.For(version), scope, targets, ct);
        return [.. parsed.Select(entity => entity.Without(hidden))];
    }

    /// <summary>Of <paramref name="targets"/> (served refs, lower case as entity keys are), those that exist outside the scope.</summary>
    private static async Task<HashSet<string>> HiddenTargetsAsync(
        NpgsqlDataSource reads, ConcurrentDictionary<(string Scope, string Target), bool> known, EntityScope scope, string[] targets, CancellationToken ct)
    {
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

        await using var command = reads.CreateCommand();
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

    /// <summary>
    /// Where one served entity's <c>relations</c> array is, and where each relation in it is: offsets into the entity's
    /// UTF-8 (which are offsets into the string too when the JSON is all ASCII, as stored JSON nearly always is).
    /// </summary>
    private sealed record EntityRelations(string Json, bool Ascii, int ArrayStart, int ArrayEnd, List<Relation> Relations)
    {
        public static EntityRelations Read(string json)
        {
            var byteCount = Encoding.UTF8.GetByteCount(json);
            var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
            try
            {
                var utf8 = buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer));
                var (arrayStart, arrayEnd, relations) = Locate(utf8);
                return new(json, byteCount == json.Length, arrayStart, arrayEnd, relations);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static (int ArrayStart, int ArrayEnd, List<Relation> Relations) Locate(ReadOnlySpan<byte> utf8)
        {
            var reader = new Utf8JsonReader(utf8);
            var relations = new List<Relation>();
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (-1, -1, relations);
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

                return (arrayStart, (int)reader.BytesConsumed, relations);
            }

            return (-1, -1, relations);
        }

        /// <summary>The JSON with the relations whose target is in <paramref name="hidden"/> cut out; the same string when none is.</summary>
        public string Without(HashSet<string> hidden)
        {
            if (hidden.Count == 0 || !Relations.Exists(relation => hidden.Contains(relation.TargetRef)))
            {
                return Json;
            }

            var kept = Relations.FindAll(relation => !hidden.Contains(relation.TargetRef));
            if (!Ascii)
            {
                return Cut(Encoding.UTF8.GetBytes(Json), kept);
            }

            // One allocation, the result: the kept pieces copied straight out of the stored string.
            var length = ArrayStart + 1 + kept.Sum(relation => relation.End - relation.Start) + Math.Max(0, kept.Count - 1) + 1 + (Json.Length - ArrayEnd);
            return string.Create(length, (Entity: this, Kept: kept), static (output, state) =>
            {
                var json = state.Entity.Json.AsSpan();
                json[..state.Entity.ArrayStart].CopyTo(output);
                var at = state.Entity.ArrayStart;
                output[at++] = '[';
                for (var index = 0; index < state.Kept.Count; index++)
                {
                    if (index > 0)
                    {
                        output[at++] = ',';
                    }

                    var relation = json[state.Kept[index].Start..state.Kept[index].End];
                    relation.CopyTo(output[at..]);
                    at += relation.Length;
                }

                output[at++] = ']';
                json[state.Entity.ArrayEnd..].CopyTo(output[at..]);
            });
        }

        private string Cut(byte[] utf8, List<Relation> kept)
        {
            var output = new StringBuilder(Json.Length);
            output.Append(Encoding.UTF8.GetString(utf8, 0, ArrayStart)).Append('[');
            output.AppendJoin(',', kept.Select(relation => Encoding.UTF8.GetString(utf8, relation.Start, relation.End - relation.Start)));
            return output.Append(']').Append(Encoding.UTF8.GetString(utf8, ArrayEnd, utf8.Length - ArrayEnd)).ToString();
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
