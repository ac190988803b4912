namespace Portal.Bench;

/// <summary>A benchmark cannot run (bad arguments, the system did not come up); ends with one message.</summary>
public sealed class BenchException(string message) : Exception(message);
