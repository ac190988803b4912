namespace Catalog.Api.Reading;

/// <summary>A location target could not be read; <see cref="ErrorKind"/> says whether it is missing or refused.</summary>
public sealed class LocationReadException(string errorKind, string message) : Exception(message)
{
    public string ErrorKind { get; } = errorKind;

    public static LocationReadException NotFound(string message) => new("NotFoundError", message);

    public static LocationReadException Refused(string message) => new("InputError", message);
}
