namespace Docs.Api.Storage;

/// <summary>One file of a stored build, opened for reading; <see cref="ETag"/> changes whenever its content does.</summary>
public sealed record StoredFile(Stream Content, string ContentType, long Length, string ETag);
