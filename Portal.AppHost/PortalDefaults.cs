namespace Portal.AppHost;

public static class PortalDefaults
{
    /// <summary>
    /// The AppHost's options, with the dashboard's defaults however the AppHost is started (`dotnet run`, the built
    /// program, Aspire.Hosting.Testing): on loopback at <see cref="AppHostSettings.DashboardPort"/>, plain HTTP and no
    /// login token — a local development tool, never exposed beyond this machine. A value given in the environment or
    /// on the command line wins. They go in as arguments because Aspire reads some of them while the builder is made.
    /// </summary>
    public static DistributedApplicationOptions Options(string[] args)
    {
        var given = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var settings = AppHostSettings.From(given);
        var defaults = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{settings.DashboardPort}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{settings.DashboardOtlpPort}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{settings.ResourceServicePort}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
        };
        var unset = defaults.Where(d => string.IsNullOrEmpty(given[d.Key])).Select(d => $"--{d.Key}={d.Value}");
        return new DistributedApplicationOptions { Args = [.. unset, .. args], AllowUnsecuredTransport = true };
    }

    /// <summary>The AppHost's settings, with its paths resolved against the repository (the AppHost project's parent folder).</summary>
    public static PortalSettings AddPortalSettings(this IDistributedApplicationBuilder builder) =>
        new(AppHostSettings.From(builder.Configuration),
            Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(builder.AppHostDirectory))!,
            builder.ExecutionContext.IsPublishMode);
}
