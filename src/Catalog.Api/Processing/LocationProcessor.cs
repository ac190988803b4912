using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Catalog.Api.Model;
using Catalog.Api.Reading;
using Microsoft.Extensions.Options;
using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>
/// Reads a registered location the way Backstage does: the root file, then every file its Location entities point
/// to (relative to the file naming them), each parsed as multi-document YAML. Each entity gets its placeholders
/// resolved, is validated, annotated (managed-by-location, origin, source) and its relations computed. A bad document
/// or entity is reported and skipped; its valid siblings are kept.
/// </summary>
public sealed class LocationProcessor(LocationReader reader, IOptionsMonitor<CatalogLimitsOptions> limits)
{
    private const int MaxFiles = 10_000;

    /// <summary>Documents parsed and checked together: enough to keep every core busy, few enough to hold in memory.</summary>
    private const int DocumentsPerChunk = 2_000;

    /// <summary>Reads the whole location and returns its entities with the result (previews, analysis).</summary>
    public Task<LocationReadResult> ProcessAsync(CatalogLocation location, CancellationToken cancellationToken) =>
        ProcessAsync(location, onEntities: null, cancellationToken);

    /// <summary>
    /// Reads the location; with <paramref name="onEntities"/>, its valid entities are handed over in file order as each
    /// chunk of documents is done and are not kept (the result's <see cref="LocationReadResult.Entities"/> is then empty),
    /// so a location of any size is processed in bounded memory. With <paramref name="previousHash"/> (the content hash
    /// of its last clean refresh), a location whose input was its root file alone and still hashes the same is not
    /// parsed again: the result is <see cref="LocationReadResult.Unchanged"/>.
    /// </summary>
    public async Task<LocationReadResult> ProcessAsync(
        CatalogLocation location,
        Func<IReadOnlyList<ProcessedEntity>, CancellationToken, ValueTask>? onEntities,
        CancellationToken cancellationToken,
        string? previousHash = null)
    {
        var errors = new List<ProcessingError>();
        var invalid = new Dictionary<string, List<ProcessingError>>(StringComparer.Ordinal);
        var entities = new List<ProcessedEntity>();
        var handingOver = Task.CompletedTask;
        var entityCount = 0;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        using var contentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        LocationTarget root;
        try
        {
            root = reader.ResolveRoot(location.Type, location.Target);
        }
        catch (LocationReadException exception)
        {
            errors.Add(new ProcessingError(exception.ErrorKind, exception.Message, $"{location.Type}:{location.Target}"));
            return new LocationReadResult(entities, 0, errors, invalid, "", RootUnreadable: true);
        }

        using var clones = root.Clones;
        var originKey = $"{location.Type}:{location.Target}";
        var rootLocation = GeneratedLocationEntity.Create(location.Type, location.Target);
        var rootRef = EntityRef.FromEntity(rootLocation);
        entities.Add(Finish(rootLocation, rootRef, parentRef: null, originKey, originKey, sourceLocation: null, errors));
        entityCount++;
        seen[rootRef.Key] = originKey;

        var queue = new Queue<(LocationTarget Target, string ParentRef)>();
        queue.Enqueue((root, rootRef.Key));
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var rootUnreadable = false;
        var maxDocuments = limits.CurrentValue.MaxDocumentsPerLocation;
        var documents = 0;
        string? documentLimitReachedIn = null;

        while (queue.Count > 0 && visited.Count < MaxFiles && documentLimitReachedIn is null)
        {
            var (target, parentRef) = queue.Dequeue();
            if (!visited.Add(target.Key))
            {
                continue;
            }

            string text;
            try
            {
                text = await reader.ReadAsync(target, cancellationToken);
            }
            catch (Exception exception) when (exception is LocationReadException or IOException or HttpRequestException or UnauthorizedAccessException)
            {
                var read = exception as LocationReadException;
                errors.Add(new ProcessingError(read?.ErrorKind ?? "InputError", exception.Message, target.Key, Line: read?.Line, Column: read?.Column));
                rootUnreadable |= ReferenceEquals(target, root);
                continue;
            }

            if (previousHash is not null && ReferenceEquals(target, root) && RootFileHash(target, text) == previousHash)
            {
                // The last clean refresh hashed this file and nothing else (a nested file or a substitution would have
                // gone into its hash too): processing it again would give what is stored.
                return new LocationReadResult([], 0, [], new Dictionary<string, List<ProcessingError>>(), previousHash, RootUnreadable: false) { Unchanged = true };
            }

            contentHash.AppendUtf8(target.Key + "\n");
            contentHash.AppendUtf8(text);
            contentHash.AppendUtf8("\n");
            // Documents are independent until their refs are compared, so each chunk is parsed and checked on every core;
            // the results are then taken in file order, which keeps "first definition wins" and error order stable.
            var file = target;
            var parent = parentRef;
            var fileEnded = false;
            foreach (var segments in EntityYamlReader.Split(text).Chunk(DocumentsPerChunk))
            {
                if (fileEnded || documentLimitReachedIn is not null)
                {
                    break;
                }

                var outcomes = await ProcessChunkAsync(segments, file, parent, originKey, cancellationToken);
                foreach (var outcome in outcomes.TakeWhile(_ => !fileEnded))
                {
                    if (++documents > maxDocuments)
                    {
                        documentLimitReachedIn = target.Key;
                        break;
                    }

                    fileEnded = outcome.EndsFile;
                    errors.AddRange(outcome.Errors);
                    foreach (var read in outcome.SubstitutionReads)
                    {
                        contentHash.AppendUtf8(read + "\n");
                    }

                    if (outcome.InvalidRef is not null)
                    {
                        invalid[outcome.InvalidRef] = outcome.Errors;
                    }

                    if (outcome.Entity is not { } processed)
                    {
                        continue;
                    }

                    if (seen.TryGetValue(processed.Ref.Key, out var firstSeenIn))
                    {
                        errors.Add(new ProcessingError("ConflictError",
                            $"entity {processed.Ref} is defined twice in this location: first in {firstSeenIn}, again here; the second is ignored",
                            target.Key, processed.Ref.ToString()));
                        continue;
                    }

                    seen[processed.Ref.Key] = target.Key;
                    entities.Add(processed);
                    entityCount++;
                    if (processed.LocationSpec is not null)
                    {
                        foreach (var nested in LocationTargetsOf(processed, target, errors))
                        {
                            queue.Enqueue((nested, processed.Ref.Key));
                        }
                    }
                }

                if (onEntities is not null && entities.Count > 0)
                {
                    // The chunk is stored while the next one is parsed: the database and this process work side by side.
                    await handingOver;
                    handingOver = onEntities(entities, cancellationToken).AsTask();
                    entities = [];
                }
            }
        }

        if (documentLimitReachedIn is not null)
        {
            errors.Add(new ProcessingError("InputError",
                $"the location holds more than {maxDocuments} documents; the rest, from this file on, were not read (Catalog:Limits:MaxDocumentsPerLocation)",
                documentLimitReachedIn));
        }
        else if (queue.Count > 0)
        {
            errors.Add(new ProcessingError("InputError", $"the location refers to more than {MaxFiles} files; the rest were not read", originKey));
        }

        await handingOver;
        if (onEntities is not null && entities.Count > 0)
        {
            await onEntities(entities, cancellationToken);
            entities = [];
        }

        return new LocationReadResult(entities, entityCount, errors, invalid, Convert.ToHexStringLower(contentHash.GetHashAndReset()), rootUnreadable);
    }

    /// <summary>The content hash of a location whose whole input is its root file: as the full read computes it.</summary>
    private static string RootFileHash(LocationTarget root, string text)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendUtf8(root.Key + "\n");
        hash.AppendUtf8(text);
        hash.AppendUtf8("\n");
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Processes YAML text as if it were <paramref name="file"/>, without reading the files its Location entities name;
    /// returns its valid entities. Warm-up runs the pipeline through this.
    /// </summary>
    public async Task<List<ProcessedEntity>> ProcessTextAsync(string text, LocationTarget file, string parentRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var entities = new List<ProcessedEntity>();
        foreach (var segments in EntityYamlReader.Split(text).Chunk(DocumentsPerChunk))
        {
            var outcomes = (await ProcessChunkAsync(segments, file, parentRef, file.Key, cancellationToken)).ToList();
            var ending = outcomes.FindIndex(outcome => outcome.EndsFile);
            entities.AddRange(outcomes.Take(ending < 0 ? outcomes.Count : ending).Select(outcome => outcome.Entity).OfType<ProcessedEntity>());
            if (ending >= 0)
            {
                break;
            }
        }

        return entities;
    }

    /// <summary>Parses and checks the pieces of a file in parallel; returns the documents' outcomes in file order.</summary>
    private async Task<IEnumerable<DocumentOutcome>> ProcessChunkAsync(
        YamlSegment[] segments, LocationTarget file, string parentRef, string originKey, CancellationToken cancellationToken)
    {
        var outcomes = new List<DocumentOutcome>[segments.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, segments.Length),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (index, token) =>
            {
                var documents = EntityYamlReader.ReadSegment(segments[index]);
                var results = new List<DocumentOutcome>(documents.Count);
                foreach (var document in documents)
                {
                    results.Add(await ProcessDocumentAsync(document, file, parentRef, originKey, token));
                }

                outcomes[index] = results;
            });
        return outcomes.SelectMany(results => results);
    }

    /// <summary>
    /// One document's result: the entity when valid, and the problems found (for an invalid entity, its ref); whether
    /// the document ended what could be read of the file.
    /// </summary>
    private sealed record DocumentOutcome(ProcessedEntity? Entity, List<ProcessingError> Errors, string? InvalidRef, bool EndsFile = false)
    {
        /// <summary>The files the document's substitutions read, each with the hash of its text.</summary>
        public IReadOnlyList<string> SubstitutionReads { get; init; } = [];
    }

    private async Task<DocumentOutcome> ProcessDocumentAsync(
        YamlEntityDocument document,
        LocationTarget file,
        string parentRef,
        string originKey,
        CancellationToken cancellationToken)
    {
        var errors = document.Problems.Select(problem => ToError("InputError", problem, file.Key, entityRef: null)).ToList();
        if (document.Entity is not { } entity)
        {
            return new DocumentOutcome(null, errors, null, document.EndsFile);
        }

        var provisionalRef = TryRef(entity);
        var problems = new List<ProcessingError>();
        var substitutions = new RelativePlaceholderReader(reader, file);
        var placeholderProblems = await PlaceholderResolver.ResolveAsync(entity, substitutions, cancellationToken);
        problems.AddRange(placeholderProblems.Select(problem => ToError("InputError", Locate(problem, document.Map), file.Key, provisionalRef)));
        problems.AddRange(EntityValidator.Validate(entity, document.Map, limits.CurrentValue).Select(problem => ToError("ValidationError", problem, file.Key, provisionalRef)));

        if (problems.Count > 0)
        {
            errors.AddRange(problems);
            return new DocumentOutcome(null, errors, provisionalRef?.ToLowerInvariant()) { SubstitutionReads = substitutions.Reads };
        }

        var entityRef = EntityRef.FromEntity(entity);
        var warnings = LinkWarnings.Check(entity, document.Map);
        return new DocumentOutcome(Finish(entity, entityRef, parentRef, file.Key, originKey, SourceLocationOf(file), errors, warnings), errors, null)
        {
            SubstitutionReads = substitutions.Reads,
        };
    }

    private static ProcessedEntity Finish(
        JsonObject entity, EntityRef entityRef, string? parentRef, string managedBy, string origin, string? sourceLocation, List<ProcessingError> errors,
        IReadOnlyList<EntityProblem>? warnings = null)
    {
        var metadata = (JsonObject)entity["metadata"]!;
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = new JsonObject();
            metadata["annotations"] = annotations;
        }

        annotations[KnownAnnotations.ManagedByLocation] = managedBy;
        annotations[KnownAnnotations.ManagedByOriginLocation] = origin;
        if (sourceLocation is not null && annotations[KnownAnnotations.SourceLocation] is null)
        {
            annotations[KnownAnnotations.SourceLocation] = sourceLocation;
        }

        if (managedBy.StartsWith("url:", StringComparison.Ordinal))
        {
            annotations[KnownAnnotations.ViewUrl] ??= managedBy[4..];
            annotations[KnownAnnotations.EditUrl] ??= managedBy[4..];
        }

        metadata["namespace"] ??= "default";
        metadata.Remove("uid");
        metadata.Remove("etag");
        entity.Remove("relations");
        entity.Remove("status");
        if (warnings is { Count: > 0 })
        {
            entity["status"] = EntityWarningStatus.Create(warnings);
        }

        var relations = RelationBuilder.Build(entity);
        foreach (var problem in relations.Problems)
        {
            errors.Add(new ProcessingError("ValidationError", problem.Message, managedBy, entityRef.ToString(), problem.Path));
        }

        return new ProcessedEntity(entityRef, entity, EntityHasher.Hash(entity), parentRef, relations.Relations);
    }

    private IEnumerable<LocationTarget> LocationTargetsOf(ProcessedEntity location, LocationTarget file, List<ProcessingError> errors)
    {
        var spec = location.LocationSpec;
        var targets = new List<string>();
        if (spec?["target"] is JsonValue single)
        {
            targets.Add(single.ToString());
        }

        if (spec?["targets"] is JsonArray many)
        {
            targets.AddRange(many.OfType<JsonValue>().Select(value => value.ToString()));
        }

        var type = spec?["type"]?.ToString();
        foreach (var target in targets)
        {
            LocationTarget? resolved = null;
            try
            {
                resolved = type is "url" && file.Type == "file"
                    ? throw LocationReadException.Refused($"a file location may not point to url '{target}'")
                    : reader.ResolveRelative(file, target);
            }
            catch (LocationReadException exception)
            {
                errors.Add(new ProcessingError(exception.ErrorKind, exception.Message, file.Key, location.Ref.ToString(), "spec.targets"));
            }

            if (resolved is not null)
            {
                yield return resolved;
            }
        }
    }

    private static string? SourceLocationOf(LocationTarget file) => file.Type switch
    {
        "url" => "url:" + new Uri(new Uri(file.Target), "./").AbsoluteUri,
        _ => "file:" + Path.GetDirectoryName(file.Target) + "/",
    };

    private static string? TryRef(JsonObject entity)
    {
        var kind = (entity["kind"] as JsonValue)?.ToString();
        var name = (entity["metadata"] as JsonObject)?["name"] is JsonValue nameValue ? nameValue.ToString() : null;
        var ns = (entity["metadata"] as JsonObject)?["namespace"] is JsonValue nsValue ? nsValue.ToString() : "default";
        return kind is null || name is null ? null : $"{kind.ToLowerInvariant()}:{ns}/{name}";
    }

    private static EntityProblem Locate(EntityProblem problem, SourceMap map) =>
        problem.Line is null && map.TryGetLocation(problem.Path, out var line, out var column)
            ? problem with { Line = line, Column = column }
            : problem;

    private static ProcessingError ToError(string kind, EntityProblem problem, string location, string? entityRef) =>
        new(kind, problem.ToString(), location, entityRef, problem.Path, problem.Line, problem.Column);
}
