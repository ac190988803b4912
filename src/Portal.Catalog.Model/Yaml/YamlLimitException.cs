namespace Portal.Catalog.Model;

/// <summary>A document is too big or too deep to convert; it is reported and skipped.</summary>
internal sealed class YamlLimitException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
