using Catalog.Api.Model;

namespace Catalog.Api.Processing;

/// <summary>
/// Everything one refresh of a registered location produced: its valid entities (unless they were handed over while
/// reading; <see cref="EntityCount"/> counts them either way), every problem found, the refs of entities that are
/// invalid now (their stored version is kept, with the errors), and a hash of the whole input.
/// </summary>
/// <remarks><see cref="Unchanged"/>: the input hashed as at the last clean refresh and was not processed again.</remarks>
public sealed record LocationReadResult(
    IReadOnlyList<ProcessedEntity> Entities,
    int EntityCount,
    IReadOnlyList<ProcessingError> Errors,
    IReadOnlyDictionary<string, List<ProcessingError>> InvalidEntityErrors,
    string ContentHash,
    bool RootUnreadable)
{
    public bool Unchanged { get; init; }
}
