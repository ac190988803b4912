namespace Portal.AppHost.Configuration;

/// <summary>Which lines of the services' console output the AppHost echoes to its own console (the dashboard keeps them all).</summary>
public enum ConsoleOutput
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Standard error, and log entries at level fail/crit with their continuation lines.</summary>
    Errors,

    /// <summary>Every line.</summary>
    All,
}
