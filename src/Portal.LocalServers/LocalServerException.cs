namespace Portal.LocalServers;

/// <summary>A local server could not be started; the message says what and how to fix it.</summary>
public sealed class LocalServerException(string message) : Exception(message);
