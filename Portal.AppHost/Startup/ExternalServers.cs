using Npgsql;
using Portal.AppHost.Configuration;

namespace Portal.AppHost.Startup;

/// <summary>
/// Servers given by configuration instead of started locally: <c>ConnectionStrings:postgres</c> (an Npgsql connection
/// string for a login that may create databases) and <c>ConnectionStrings:messaging</c> (an AMQP URI). Either may be absent.
/// Values are never echoed back, as they may hold passwords.
/// </summary>
public sealed record ExternalServers(string? PostgresConnectionString, string? MessagingUri)
{
    public static ExternalServers FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var postgres = configuration.GetConnectionString("postgres");
        var messaging = configuration.GetConnectionString("messaging");
        return new ExternalServers(
            string.IsNullOrWhiteSpace(postgres) ? null : CheckPostgres(postgres),
            string.IsNullOrWhiteSpace(messaging) ? null : CheckMessaging(messaging));
    }

    /// <summary>host:port of the external PostgreSQL, for the dashboard.</summary>
    public string? PostgresEndpoint
    {
        get
        {
            if (PostgresConnectionString is null)
            {
                return null;
            }

            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
            return $"tcp://{builder.Host}:{builder.Port}";
        }
    }

    /// <summary>The AMQP URI without credentials, for the dashboard.</summary>
    public string? MessagingEndpoint =>
        MessagingUri is null ? null : new UriBuilder(MessagingUri) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Authority);

    private static string CheckPostgres(string value)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException exception)
        {
            throw new AppHostConfigurationException(
                $"{SettingNames.PostgresConnectionString} is not a valid Npgsql connection string ({exception.Message}); " +
                "expected e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…", exception);
        }

        return string.IsNullOrWhiteSpace(builder.Host)
            ? throw new AppHostConfigurationException($"{SettingNames.PostgresConnectionString} names no Host; expected e.g. Host=127.0.0.1;Port=5432;Username=postgres")
            : value;
    }

    private static string CheckMessaging(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" && uri.Host.Length > 0
            ? value
            : throw new AppHostConfigurationException(
                $"{SettingNames.MessagingConnectionString} is not an AMQP URI; expected e.g. amqp://user:password@127.0.0.1:5672/");
}
