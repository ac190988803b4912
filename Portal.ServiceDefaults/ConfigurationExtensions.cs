using Microsoft.Extensions.Configuration;

namespace Portal.ServiceDefaults;

public static class ConfigurationExtensions
{
    /// <summary>Reads a connection string or fails with a message that says which setting to give and how.</summary>
    public static string RequireConnectionString(this IConfiguration configuration, string name)
    {
        var value = configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException(
                $"ConnectionStrings:{name} is not set. Set the environment variable ConnectionStrings__{name}, " +
                "or run the service through Portal.AppHost, which sets it.");
        }

        return value;
    }
}

/// <summary>The service's configuration is unusable; the message says what to set.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
