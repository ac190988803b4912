using Portal.Data;

namespace Scorecards.Api.Rescoring;

/// <summary>Wakes this replica's rescore worker when a scorecard changed here; other replicas find the work on their next poll.</summary>
public sealed class RescoreWakeUp : WakeUpSignal;
