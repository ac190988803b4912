namespace Portal.AppHost.Startup;

/// <summary>
/// Expands <c>{RepositoryRoot}</c>, <c>{DataDirectory}</c> and <c>{DemoCatalogDirectory}</c> in a service's extra
/// environment (<c>AppHost:Services:&lt;name&gt;:Environment</c>). A variable naming a token without a value (no demo
/// catalog configured) is left out rather than set empty.
/// </summary>
public static class ServiceEnvironmentTokens
{
    public static Dictionary<string, string> Expand(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string?> tokens)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(tokens);
        var expanded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            var result = value;
            var keep = true;
            foreach (var (token, replacement) in tokens)
            {
                var placeholder = "{" + token + "}";
                if (result.Contains(placeholder, StringComparison.Ordinal))
                {
                    keep &= replacement is not null;
                    result = result.Replace(placeholder, replacement ?? "", StringComparison.Ordinal);
                }
            }

            if (keep)
            {
                expanded[name] = result;
            }
        }

        return expanded;
    }
}
