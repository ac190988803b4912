using Microsoft.AspNetCore.Builder;

namespace Portal.ServiceDefaults;

/// <summary>Runs a service so that bad configuration ends with one clear line and exit code 2, not a stack trace.</summary>
public static class ServiceHost
{
    public static int Run(string[] args, Func<string[], WebApplication> build)
    {
        try
        {
            var app = build(MigrateOnly.AsSetting(args));
            if (MigrateOnly.IsRequested(app.Configuration))
            {
                using (app) // disposed: its logs are flushed before the process exits
                {
                    return MigrateOnly.Run(app);
                }
            }

            app.Run();
            return 0;
        }
        catch (ConfigurationException exception)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return 2;
        }
        catch (Npgsql.NpgsqlException exception)
        {
            Console.Error.WriteLine($"error: cannot use the service's database: {exception.Message}. Check its ConnectionStrings__<name>db setting and that PostgreSQL is running.");
            return 2;
        }
        catch (IOException exception) when (exception.InnerException is System.Net.Sockets.SocketException
                                            || exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"error: {exception.Message}. Another process holds the port: stop it, or set ASPNETCORE_URLS to a free port.");
            return 2;
        }
    }
}
