using MassTransit;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Inbox;

namespace Portal.Data.Tests;

/// <summary>The event these tests send through the outbox.</summary>
public sealed record SomethingHappened(string Partition, int Sequence);

public sealed class ReceivedEvent
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    public required string Partition { get; set; }

    public int Sequence { get; set; }
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<ReceivedEvent> Received => Set<ReceivedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<ReceivedEvent>().ToTable("received_events");
    }
}

/// <summary>An idempotent consumer as services write them: the inbox row and the effect commit together.</summary>
public sealed class SomethingHappenedConsumer(TestDbContext db, DeliveryCounter deliveries) : IConsumer<SomethingHappened>
{
    public async Task Consume(ConsumeContext<SomethingHappened> context)
    {
        deliveries.Increment();
        if (!await db.TryRecordInboxAsync(context.MessageId!.Value, nameof(SomethingHappenedConsumer), context.CancellationToken))
        {
            return;
        }

        db.Received.Add(new ReceivedEvent
        {
            MessageId = context.MessageId.Value,
            Partition = context.Message.Partition,
            Sequence = context.Message.Sequence,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

public sealed class SomethingHappenedConsumerDefinition : ConsumerDefinition<SomethingHappenedConsumer>
{
    public SomethingHappenedConsumerDefinition() => ConcurrentMessageLimit = 1;
}

public sealed class DeliveryCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
