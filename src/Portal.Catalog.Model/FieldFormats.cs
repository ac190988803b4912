using System.Text.RegularExpressions;

namespace Portal.Catalog.Model;

/// <summary>Backstage's field formats (FieldFormatEntityPolicy and its Kubernetes-style validators).</summary>
public static partial class FieldFormats
{
    public const int MaxLength = 63;
    public const int MaxDnsSubdomainLength = 253;

    public static bool IsValidKind(string value) => value.Length is >= 1 and <= MaxLength && KindPattern().IsMatch(value);

    public static bool IsValidName(string value) => value.Length is >= 1 and <= MaxLength && NamePattern().IsMatch(value);

    public static bool IsValidNamespace(string value) => IsValidDnsLabel(value);

    public static bool IsValidDnsLabel(string value) => value.Length is >= 1 and <= MaxLength && DnsLabelPattern().IsMatch(value);

    public static bool IsValidDnsSubdomain(string value) =>
        value.Length is >= 1 and <= MaxDnsSubdomainLength && value.Split('.').All(IsValidDnsLabel);

    public static bool IsValidTag(string value) => value.Length is >= 1 and <= MaxLength && TagPattern().IsMatch(value);

    /// <summary><c>[dns-subdomain/]version</c>, version of letters and digits.</summary>
    public static bool IsValidApiVersion(string value) =>
        IsValidPrefixAndOrSuffix(value, IsValidDnsSubdomain, v => v.Length is >= 1 and <= MaxLength && ApiVersionPattern().IsMatch(v));

    /// <summary>Label and annotation keys: <c>[dns-subdomain/]name</c>.</summary>
    public static bool IsValidKey(string value) => IsValidPrefixAndOrSuffix(value, IsValidDnsSubdomain, IsValidName);

    /// <summary>Label values: empty, or a valid name.</summary>
    public static bool IsValidLabelValue(string value) => value.Length == 0 || IsValidName(value);

    private static bool IsValidPrefixAndOrSuffix(string value, Func<string, bool> prefix, Func<string, bool> suffix)
    {
        var parts = value.Split('/');
        return parts.Length switch
        {
            1 => suffix(parts[0]),
            2 => prefix(parts[0]) && suffix(parts[1]),
            _ => false,
        };
    }

    [GeneratedRegex("^[a-zA-Z][a-z0-9A-Z]*$")]
    private static partial Regex KindPattern();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9]+(\-[a-z0-9]+)*$")]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"^[a-z0-9:+#]+(\-[a-z0-9:+#]+)*$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9A-Z]+$")]
    private static partial Regex ApiVersionPattern();
}
