namespace Catalog.Api.Model;

/// <summary>One problem found while reading or processing a location: where it is, and what is wrong.</summary>
/// <param name="Kind">What kind of problem: <c>InputError</c>, <c>ValidationError</c>, <c>ConflictError</c>, <c>NotFoundError</c>.</param>
/// <param name="Message">What is wrong, precisely.</param>
/// <param name="Location">The file or URL the problem is in.</param>
/// <param name="EntityRef">The entity it concerns, when known.</param>
/// <param name="Path">The field, e.g. <c>metadata.name</c>.</param>
/// <param name="Line">1-based line in the file, when known.</param>
/// <param name="Column">1-based column in the file, when known.</param>
public sealed record ProcessingError(
    string Kind,
    string Message,
    string? Location = null,
    string? EntityRef = null,
    string? Path = null,
    int? Line = null,
    int? Column = null);
