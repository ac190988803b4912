namespace Portal.Catalog.Model;

/// <summary>A placeholder's target could not be read; the message says why and becomes a problem at the placeholder.</summary>
public sealed class PlaceholderReadException : Exception
{
    public PlaceholderReadException(string message)
        : base(message)
    {
    }

    public PlaceholderReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PlaceholderReadException()
    {
    }
}
