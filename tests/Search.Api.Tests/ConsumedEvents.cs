using System.Collections.Concurrent;
using MassTransit;
using Portal.Contracts;

namespace Search.Api.Tests;

/// <summary>How often a service consumed each catalog event (by type, entity and generation): a consume observer.</summary>
public class ConsumedEvents : IConsumeObserver
{
    private readonly ConcurrentDictionary<(string Type, string EntityRef, long Generation), int> _counts = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IEntityEvent entityEvent)
        {
            _counts.AddOrUpdate((typeof(T).Name, entityEvent.EntityRef, entityEvent.Generation), 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    /// <summary>The counts of the events about entities whose ref starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyDictionary<(string Type, string EntityRef, long Generation), int> About(string prefix) =>
        _counts.Where(count => count.Key.EntityRef.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary();
}

/// <summary>A second replica's own count: of a type of its own, since a service takes one consume observer of each type.</summary>
public sealed class ReplicaConsumedEvents : ConsumedEvents;
