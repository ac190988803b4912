using Portal.Data;

namespace Docs.Api.Builds;

/// <summary>Wakes this replica's build worker when a build was queued here (other replicas find it by polling).</summary>
public sealed class BuildWakeUp : WakeUpSignal;
