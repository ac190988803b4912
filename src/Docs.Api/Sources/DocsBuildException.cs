namespace Docs.Api.Sources;

/// <summary>The docs source cannot be built; <see cref="Exception.Message"/> is the precise reason published in <c>DocsBuildFailed</c>.</summary>
public sealed class DocsBuildException(string message) : Exception(message);
