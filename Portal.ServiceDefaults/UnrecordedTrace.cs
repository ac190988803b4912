using System.Diagnostics;

namespace Portal.ServiceDefaults;

/// <summary>
/// Runs background work that belongs to no trace in a trace of its own marked not sampled: the calls it makes pass
/// that flag on (<c>traceparent</c> ending in <c>-00</c>), so neither this service nor the one it calls records them.
/// For polls every few seconds from every replica, which would otherwise be most of the traces an operator sees.
/// </summary>
public static class UnrecordedTrace
{
    /// <summary>Starts the unsampled trace; disposing it ends it.</summary>
    public static Activity Begin(string operationName)
    {
        var activity = new Activity(operationName);
        activity.SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
        return activity.Start();
    }
}
