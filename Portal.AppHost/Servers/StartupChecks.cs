using Portal.LocalServers;

namespace Portal.AppHost.Servers;

/// <summary>
/// What a local server needs before the orchestrator starts it (binaries installed, ports free, data folder ready).
/// A problem becomes one line naming the resource and the cause, on the console and in the resource's log on the
/// dashboard; the resource then fails to start, and so does everything that waits for it.
/// </summary>
internal static class StartupChecks
{
    public static Task RunAsync(BeforeResourceStartedEvent @event, Func<Task> check) => RunAsync(@event.Resource, @event.Services, check);

    /// <summary>The same for what a server needs once it runs, before anything that waits for it starts (its users, its databases).</summary>
    public static async Task RunAsync(IResource server, IServiceProvider services, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (LocalServerException exception)
        {
            var resource = server.Name;
            await Console.Error.WriteLineAsync($"error: {resource}: {exception.Message}");
            services.GetRequiredService<ResourceLoggerService>().GetLogger(server).LogError("{Resource} cannot start: {Message}", resource, exception.Message);
            // Its children (a server's databases) fail with it, and so does everything that waits for them.
            var notifications = services.GetRequiredService<ResourceNotificationService>();
            foreach (var child in services.GetRequiredService<DistributedApplicationModel>().Resources
                         .OfType<IResourceWithParent>().Where(c => c.Parent == server))
            {
                await notifications.PublishUpdateAsync(child, state => state with { State = KnownResourceStates.FailedToStart });
            }

            throw new DistributedApplicationException($"{resource} cannot start: {exception.Message}");
        }
    }

    public static void RequirePortFree(int port, string what, string setting)
    {
        if (!LoopbackPorts.IsFree(port))
        {
            throw new LocalServerException($"port {port} is in use by another process, so {what} cannot listen there; stop that process or set {setting} to a free port");
        }
    }
}
