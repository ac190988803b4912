namespace Portal.AppHost.Servers;

/// <summary>The wrapper scripts beside the AppHost's build output that run the local servers in the foreground.</summary>
internal static class ServerScripts
{
    public static string Path(string script) => System.IO.Path.Combine(AppContext.BaseDirectory, "Servers", script);
}
