using Identity.Api.Audit;
using MassTransit;
using Portal.Contracts.Audit.V1;

namespace Identity.Api.IntegrationEvents.EventHandling;

/// <summary>Stores every service's audit entries; a redelivered entry (same <c>AuditId</c>) is stored once.</summary>
public sealed class AuditRecordedConsumer(AuditStore store) : IConsumer<AuditRecorded>
{
    public Task Consume(ConsumeContext<AuditRecorded> context) => store.AddAsync(context.Message, context.CancellationToken);
}
