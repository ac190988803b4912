using Portal.Data;

namespace Catalog.Api.Refresh;

/// <summary>Wakes this replica's refresh worker when a location was registered or a refresh requested here.</summary>
public sealed class RefreshWakeUp : WakeUpSignal;
