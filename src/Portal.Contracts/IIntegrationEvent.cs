namespace Portal.Contracts;

/// <summary>
/// Marks a Portal integration event. Every event says when the change happened at its source;
/// the broker envelope's MessageId identifies one event and stays the same across redeliveries.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>When the change happened in the publishing service (UTC).</summary>
    DateTimeOffset OccurredAt { get; }
}

/// <summary>An integration event about one catalog entity; subscribers order and de-duplicate by <see cref="Generation"/>.</summary>
public interface IEntityEvent : IIntegrationEvent
{
    /// <summary>The entity reference <c>kind:namespace/name</c>, kind lower-cased, namespace and name as written.</summary>
    string EntityRef { get; }

    /// <summary>
    /// The entity's change counter in the catalog: 1 when first registered, +1 on every real change, and never reused.
    /// A subscriber that has seen generation G of an entity ignores any event about it with a generation ≤ G.
    /// </summary>
    long Generation { get; }
}
