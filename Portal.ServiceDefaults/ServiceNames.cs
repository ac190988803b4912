using Microsoft.Extensions.Hosting;

namespace Portal.ServiceDefaults;

/// <summary>The service's name as messages to callers say it.</summary>
internal static class ServiceNames
{
    /// <summary><c>Catalog.Api</c> → <c>catalog</c>.</summary>
    public static string Of(IHostEnvironment environment)
    {
        var name = environment.ApplicationName;
        return (name.EndsWith(".Api", StringComparison.Ordinal) ? name[..^4] : name).ToLowerInvariant();
    }
}
