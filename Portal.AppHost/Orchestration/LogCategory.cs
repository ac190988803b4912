namespace Portal.AppHost.Orchestration;

/// <summary>The AppHost logs under one short category, so its single-line console output stays readable.</summary>
public static class LogCategory
{
    public const string Name = "AppHost";
}
