namespace Portal.AppHost.Resources;

/// <summary>
/// One thing the AppHost runs — a server or a service — and what the dashboard shows of it. State changes go through
/// the methods below, which keep state, health and message consistent.
/// </summary>
public sealed class Resource(string name, string type, IReadOnlyList<string> endpoints)
{
    private readonly Lock _gate = new();
    private readonly List<string> _endpoints = [.. endpoints];
    private bool _healthySinceLaunch;

    public string Name { get; } = name;

    /// <summary>"PostgreSQL", "RabbitMQ" or "Project".</summary>
    public string Type { get; } = type;

    public ResourceState State { get; private set; } = ResourceState.Waiting;

    /// <summary>"Healthy", "Unhealthy", or null when not known.</summary>
    public string? Health { get; private set; }

    public int Restarts { get; private set; }

    public int? Pid { get; private set; }

    /// <summary>Why the state is what it is, when that is not obvious (an exit code, a timeout).</summary>
    public string? Message { get; private set; }

    public LogBuffer Log { get; } = new();

    public IReadOnlyList<string> Endpoints
    {
        get
        {
            lock (_gate)
            {
                return _endpoints.ToList();
            }
        }
    }

    public void SetEndpoints(IEnumerable<string> endpoints)
    {
        lock (_gate)
        {
            _endpoints.Clear();
            _endpoints.AddRange(endpoints);
        }
    }

    public void MarkStarting(string? message = null) => Set(ResourceState.Starting, health: null, message);

    public void MarkLaunched(int pid)
    {
        lock (_gate)
        {
            Pid = pid;
            _healthySinceLaunch = false;
            State = ResourceState.Starting;
            Health = null;
            Message = null;
        }
    }

    /// <summary>For a resource without a health check.</summary>
    public void MarkRunning() => Set(ResourceState.Running, health: null, message: null);

    public void ReportHealth(bool healthy)
    {
        lock (_gate)
        {
            if (State is ResourceState.Waiting or ResourceState.Stopped || (State == ResourceState.Failed && Pid is null))
            {
                return; // not running: a late probe result means nothing
            }

            if (healthy)
            {
                _healthySinceLaunch = true;
                State = ResourceState.Healthy;
                Health = "Healthy";
                Message = null;
            }
            else if (_healthySinceLaunch)
            {
                State = ResourceState.Unhealthy;
                Health = "Unhealthy";
            }
        }
    }

    /// <summary>Still not healthy when the start-up wait ran out; probes go on and may yet turn it Healthy.</summary>
    public void MarkTimedOut(string message)
    {
        lock (_gate)
        {
            if (State != ResourceState.Healthy)
            {
                State = ResourceState.Failed;
                Health = "Unhealthy";
                Message = message;
            }
        }
    }

    /// <summary>The process ended without being asked to; <paramref name="message"/> says what happens next.</summary>
    public void MarkExited(string message)
    {
        lock (_gate)
        {
            Pid = null;
            Restarts++;
            State = ResourceState.Failed;
            Health = null;
            Message = message;
        }
    }

    public void MarkFailed(string message) => Set(ResourceState.Failed, health: null, message);

    public void MarkStopped()
    {
        lock (_gate)
        {
            Pid = null;
            State = ResourceState.Stopped;
            Health = null;
        }
    }

    public ResourceSnapshot Snapshot(int logLines)
    {
        lock (_gate)
        {
            return new ResourceSnapshot(Name, Type, State.ToString(), Health, _endpoints.ToList(), Restarts, Pid, Message, Log.Tail(logLines));
        }
    }

    private void Set(ResourceState state, string? health, string? message)
    {
        lock (_gate)
        {
            State = state;
            Health = health;
            Message = message;
        }
    }
}
