namespace Scaffolder.Api.Sources;

/// <summary>A file read from a template's source: its path relative to the folder read, its bytes, its executable bit.</summary>
public sealed record SourceFile(string Path, byte[] Content, bool Executable = false);
