namespace Portal.AppHost.Configuration;

/// <summary>Names of settings as a person types them: the configuration key and the matching environment variable.</summary>
public static class SettingNames
{
    public const string PostgresConnectionString = "ConnectionStrings:postgres";
    public const string MessagingConnectionString = "ConnectionStrings:messaging";

    public static string FrontDoorPort => Key(nameof(AppHostOptions.FrontDoorPort));

    public static string DashboardPort => Key(nameof(AppHostOptions.DashboardPort));

    public static string PostgresPort => Key("Postgres", nameof(PostgresOptions.Port));

    public static string RabbitMqPrefix => Key("RabbitMq") + ":";

    public static string ServicePort(string service) => Key("Services", service, nameof(ServiceOptions.Port));

    public static string Service(string service, string setting) => Key("Services", service, setting);

    public static string Key(params string[] path) => string.Join(':', [AppHostOptions.SectionName, .. path]);

    /// <summary>"AppHost:Postgres:Port (environment variable AppHost__Postgres__Port)".</summary>
    public static string Describe(string key) => $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
}
