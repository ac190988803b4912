using System.Text;
using System.Text.Json;
using Portal.Catalog.Model;
using Portal.Contracts.Catalog.V1;

namespace Catalog.Api.Infrastructure.Writes;

/// <summary>
/// The one writer of the catalog's entity event bodies: in C# for rows the catalog copies in itself, and as SQL
/// expressions for the set-based statements that write events in the database. Both take their property names from the
/// contract records (<see cref="EntityRegistered"/>, <see cref="EntityUpdated"/>, <see cref="EntityRemoved"/>) as
/// System.Text.Json's web defaults name them, so renaming a record's property renames it here;
/// <c>EntityEventBodyTests</c> checks every form against the records.
/// </summary>
public static class EntityEventBodies
{
    private static readonly string EntityRef = Named(nameof(EntityRegistered.EntityRef));
    private static readonly string Kind = Named(nameof(EntityRegistered.Kind));
    private static readonly string Namespace = Named(nameof(EntityRegistered.Namespace));
    private static readonly string Name = Named(nameof(EntityRegistered.Name));
    private static readonly string Uid = Named(nameof(EntityRegistered.Uid));
    private static readonly string Etag = Named(nameof(EntityRegistered.Etag));
    private static readonly string Generation = Named(nameof(EntityRegistered.Generation));
    private static readonly string Entity = Named(nameof(EntityRegistered.Entity));
    private static readonly string OccurredAt = Named(nameof(EntityRegistered.OccurredAt));

    private static readonly JsonEncodedText EntityRefText = JsonEncodedText.Encode(EntityRef);
    private static readonly JsonEncodedText KindText = JsonEncodedText.Encode(Kind);
    private static readonly JsonEncodedText NamespaceText = JsonEncodedText.Encode(Namespace);
    private static readonly JsonEncodedText NameText = JsonEncodedText.Encode(Name);
    private static readonly JsonEncodedText UidText = JsonEncodedText.Encode(Uid);
    private static readonly JsonEncodedText EtagText = JsonEncodedText.Encode(Etag);
    private static readonly JsonEncodedText GenerationText = JsonEncodedText.Encode(Generation);
    private static readonly JsonEncodedText EntityText = JsonEncodedText.Encode(Entity);
    private static readonly JsonEncodedText OccurredAtText = JsonEncodedText.Encode(OccurredAt);

    /// <summary>
    /// The body of an <see cref="EntityRegistered"/> or <see cref="EntityUpdated"/> event, with the served entity JSON
    /// spliced in as it is, never parsed again: the text System.Text.Json writes for the record.
    /// </summary>
    public static string Change(
        string entityRef, string kind, string entityNamespace, string name, Guid uid, string etag, long generation,
        string servedJson, DateTimeOffset occurredAt)
    {
        using var scratch = JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteString(EntityRefText, entityRef);
        writer.WriteString(KindText, kind);
        writer.WriteString(NamespaceText, entityNamespace);
        writer.WriteString(NameText, name);
        writer.WriteString(UidText, uid.ToString());
        writer.WriteString(EtagText, etag);
        writer.WriteNumber(GenerationText, generation);
        writer.WritePropertyName(EntityText);
        writer.WriteRawValue(servedJson, skipInputValidation: true);
        writer.WriteString(OccurredAtText, occurredAt);
        writer.WriteEndObject();
        return Encoding.UTF8.GetString(scratch.Written);
    }

    /// <summary>
    /// SQL for the text of a change event's body, from a row <paramref name="alias"/> with the <c>entities</c> columns
    /// <c>kind, namespace, name, id, etag, generation, final_json</c>. The served JSON is concatenated in as it is.
    /// </summary>
    public static string ChangeSql(string alias) =>
        $"'{{\"{EntityRef}\":' || to_json({DisplayRefSql(alias)}) || ',\"{Kind}\":' || to_json({alias}.kind)"
        + $" || ',\"{Namespace}\":' || to_json({alias}.namespace) || ',\"{Name}\":' || to_json({alias}.name)"
        + $" || ',\"{Uid}\":' || to_json({alias}.id) || ',\"{Etag}\":' || to_json({alias}.etag)"
        + $" || ',\"{Generation}\":' || {alias}.generation || ',\"{Entity}\":' || {alias}.final_json"
        + $" || ',\"{OccurredAt}\":' || to_json(now()) || '}}'";

    /// <summary>
    /// SQL for the text of an <see cref="EntityRemoved"/> body, from a row <paramref name="alias"/> with the columns
    /// <c>kind, namespace, name, id</c>, and <paramref name="generationSql"/> for its generation.
    /// </summary>
    public static string RemovedSql(string alias, string generationSql) =>
        $"jsonb_build_object('{EntityRef}', {DisplayRefSql(alias)}, '{Kind}', {alias}.kind, '{Namespace}', {alias}.namespace,"
        + $" '{Name}', {alias}.name, '{Uid}', {alias}.id, '{Generation}', {generationSql}, '{OccurredAt}', now())::text";

    /// <summary>SQL for the display ref <c>kind:namespace/name</c> (kind lower-cased) of an <c>entities</c> row alias.</summary>
    public static string DisplayRefSql(string alias) => $"lower({alias}.kind) || ':' || {alias}.namespace || '/' || {alias}.name";

    /// <summary>A property's JSON name as the records are read and written; plain letters, so it is safe inside SQL literals.</summary>
    private static string Named(string property)
    {
        var name = JsonNamingPolicy.CamelCase.ConvertName(property);
        return name.All(char.IsAsciiLetter) ? name : throw new InvalidOperationException($"Event property name '{name}' cannot be written into SQL.");
    }
}
