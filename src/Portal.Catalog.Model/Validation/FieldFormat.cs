namespace Portal.Catalog.Model;

/// <summary>A field format with the words that explain it, for problem messages.</summary>
internal sealed record FieldFormat(string What, string Rule, Func<string, bool> IsValid, Func<string, bool> HasShape, int MaxLength = FieldFormats.MaxLength)
{
    private const string NameCharacters = "1–63 characters of [a-z0-9A-Z], '-', '_', '.', starting and ending with a letter or digit";

    public static readonly FieldFormat ApiVersion = new(
        "apiVersion",
        "it must be a version of 1–63 letters and digits, optionally after a DNS subdomain and '/', like backstage.io/v1alpha1",
        FieldFormats.IsValidApiVersion,
        _ => false);

    public static readonly FieldFormat Kind = new(
        "kind", "it must be 1–63 letters and digits, starting with a letter", FieldFormats.IsValidKind, FieldFormats.HasKindShape);

    public static readonly FieldFormat Name = new(
        "name", "it must be " + NameCharacters, FieldFormats.IsValidName, FieldFormats.HasNameShape);

    public static readonly FieldFormat Namespace = new(
        "namespace", "it must be 1–63 characters of [a-z0-9], in words joined by single '-'", FieldFormats.IsValidNamespace, FieldFormats.HasDnsLabelShape);

    public static readonly FieldFormat Tag = new(
        "tag", "it must be 1–63 characters of [a-z0-9:+#], in words joined by single '-'", FieldFormats.IsValidTag, FieldFormats.HasTagShape);

    public static readonly FieldFormat LabelKey = new(
        "label key", KeyRule, FieldFormats.IsValidLabelKey, _ => false);

    public static readonly FieldFormat AnnotationKey = new(
        "annotation key", KeyRule, FieldFormats.IsValidAnnotationKey, _ => false);

    public static readonly FieldFormat LabelValue = new(
        "label value", "it must be empty or " + NameCharacters, FieldFormats.IsValidLabelValue, FieldFormats.HasNameShape);

    public static readonly FieldFormat Url = new(
        "URL", "it must be an absolute URL, like https://example.com/docs", FieldFormats.IsValidUrl, _ => false);

    private const string KeyRule = "it must be a name (" + NameCharacters + "), optionally after a DNS subdomain of at most 253 characters and '/', like backstage.io/techdocs-ref";

    /// <summary>Null when valid; otherwise "<c>"value" is not a valid name: it must be …</c>", or why its length is wrong.</summary>
    public string? Check(string value)
    {
        if (IsValid(value))
        {
            return null;
        }

        var quoted = JsonDescriptions.Quote(value);
        return value.Length > MaxLength && HasShape(value)
            ? $"{quoted} is not a valid {What}: it is {value.Length} characters long, and at most {MaxLength} are allowed"
            : $"{quoted} is not a valid {What}: {Rule}";
    }
}
