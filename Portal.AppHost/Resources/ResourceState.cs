namespace Portal.AppHost.Resources;

public enum ResourceState
{
    /// <summary>Not started yet: it waits for the resources before it.</summary>
    Waiting,

    /// <summary>Launched; its health check has not passed yet.</summary>
    Starting,

    /// <summary>Up, with no health check to say more.</summary>
    Running,

    Healthy,

    /// <summary>Was healthy since its last start, no longer is.</summary>
    Unhealthy,

    /// <summary>Exited on its own (a restart follows), or did not become healthy in time.</summary>
    Failed,

    Stopped,
}
