namespace Scaffolder.Api.Templating;

/// <summary>A template expression that cannot be parsed or evaluated; the message says where and why.</summary>
public sealed class TemplateException(string message) : Exception(message);
