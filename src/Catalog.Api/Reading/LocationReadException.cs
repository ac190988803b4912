namespace Catalog.Api.Reading;

/// <summary>
/// A location target could not be read; <see cref="ErrorKind"/> says whether it is missing or refused, and
/// <see cref="Line"/> and <see cref="Column"/> where in the file when the problem is in its text.
/// </summary>
public sealed class LocationReadException(string errorKind, string message, int? line = null, int? column = null) : Exception(message)
{
    public string ErrorKind { get; } = errorKind;

    public int? Line { get; } = line;

    public int? Column { get; } = column;

    public static LocationReadException NotFound(string message) => new("NotFoundError", message);

    public static LocationReadException Refused(string message) => new("InputError", message);

    public static LocationReadException InvalidText(string message, int? line, int? column) => new("InputError", message, line, column);
}
