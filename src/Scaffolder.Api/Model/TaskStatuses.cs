namespace Scaffolder.Api.Model;

/// <summary>Backstage's task states: <c>open → processing → completed | failed | cancelled</c>.</summary>
public static class TaskStatuses
{
    public const string Open = "open";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinal(string status) => status is Completed or Failed or Cancelled;
}
