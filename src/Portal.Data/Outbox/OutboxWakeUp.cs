namespace Portal.Data.Outbox;

/// <summary>Wakes the dispatcher early: set by the PostgreSQL notification listener when events were committed.</summary>
public sealed class OutboxWakeUp : WakeUpSignal;
