namespace Portal.AppHost.Configuration;

/// <summary>The AppHost cannot run as configured. The message names what to change; it is shown alone, without a stack trace.</summary>
public sealed class AppHostConfigurationException : Exception
{
    public AppHostConfigurationException(string message)
        : base(message)
    {
    }

    public AppHostConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AppHostConfigurationException()
    {
    }
}
