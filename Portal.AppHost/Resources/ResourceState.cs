namespace Portal.AppHost.Resources;

public enum ResourceState
{
    NotStarted,
    Starting,
    Running,
    Healthy,
    Unhealthy,
    Restarting,
    Failed,
    Stopped,
}
