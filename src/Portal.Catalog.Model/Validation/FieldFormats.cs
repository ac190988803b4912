using System.Text.RegularExpressions;

namespace Portal.Catalog.Model;

/// <summary>
/// The field formats Backstage checks (FieldFormatEntityPolicy with the Kubernetes-style validators of catalog-model).
/// Patterns end with \z, not $, so that a trailing newline is not accepted, as in JavaScript.
/// </summary>
public static partial class FieldFormats
{
    public const int MaxLength = 63;
    public const int MaxDnsSubdomainLength = 253;

    /// <summary><c>[dns-subdomain/]version</c>, the version 1–63 letters and digits: <c>backstage.io/v1alpha1</c>, <c>v1</c>.</summary>
    public static bool IsValidApiVersion(string value) =>
        IsValidPrefixAndOrSuffix(value, IsValidDnsSubdomain, version => HasLength(version, MaxLength) && ApiVersionPattern().IsMatch(version));

    /// <summary>1–63 letters and digits, starting with a letter.</summary>
    public static bool IsValidKind(string value) => HasLength(value, MaxLength) && KindPattern().IsMatch(value);

    /// <summary>1–63 of [a-zA-Z0-9-_.], starting and ending with a letter or digit.</summary>
    public static bool IsValidName(string value) => HasLength(value, MaxLength) && NamePattern().IsMatch(value);

    /// <summary>A DNS label: 1–63 of [a-z0-9], in words joined by single '-'.</summary>
    public static bool IsValidNamespace(string value) => IsValidDnsLabel(value);

    public static bool IsValidDnsLabel(string value) => HasLength(value, MaxLength) && DnsLabelPattern().IsMatch(value);

    /// <summary>DNS labels joined by '.', 253 characters at most.</summary>
    public static bool IsValidDnsSubdomain(string value) =>
        HasLength(value, MaxDnsSubdomainLength) && value.Split('.').All(IsValidDnsLabel);

    /// <summary>1–63 of [a-z0-9:+#], in words joined by single '-'.</summary>
    public static bool IsValidTag(string value) => HasLength(value, MaxLength) && TagPattern().IsMatch(value);

    /// <summary><c>[dns-subdomain/]name</c>, such as <c>backstage.io/managed</c>.</summary>
    public static bool IsValidLabelKey(string value) => IsValidPrefixAndOrSuffix(value, IsValidDnsSubdomain, IsValidName);

    /// <summary>Empty, or a valid name.</summary>
    public static bool IsValidLabelValue(string value) => value.Length == 0 || IsValidName(value);

    /// <summary>Same rule as label keys; annotation values may be any string.</summary>
    public static bool IsValidAnnotationKey(string value) => IsValidLabelKey(value);

    /// <summary>An absolute URL with a scheme, as JavaScript's <c>new URL(value)</c> accepts.</summary>
    public static bool IsValidUrl(string value) =>
        SchemePattern().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>At least one character that is not white space.</summary>
    public static bool IsNonEmptyString(string value) => !string.IsNullOrWhiteSpace(value);

    internal static bool HasKindShape(string value) => KindPattern().IsMatch(value);

    internal static bool HasNameShape(string value) => NamePattern().IsMatch(value);

    internal static bool HasDnsLabelShape(string value) => DnsLabelPattern().IsMatch(value);

    internal static bool HasTagShape(string value) => TagPattern().IsMatch(value);

    private static bool HasLength(string value, int max) => value.Length >= 1 && value.Length <= max;

    private static bool IsValidPrefixAndOrSuffix(string value, Func<string, bool> isValidPrefix, Func<string, bool> isValidSuffix)
    {
        var parts = value.Split('/');
        return parts.Length switch
        {
            1 => isValidSuffix(parts[0]),
            2 => isValidPrefix(parts[0]) && isValidSuffix(parts[1]),
            _ => false,
        };
    }

    [GeneratedRegex(@"\A[a-z0-9A-Z]+\z")]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex(@"\A[a-zA-Z][a-z0-9A-Z]*\z")]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"\A([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\A[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"\A[a-z0-9:+#]+(-[a-z0-9:+#]+)*\z")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex SchemePattern();
}
