using MassTransit;

namespace Portal.ServiceDefaults.Startup;

/// <summary>
/// Holds every message a consumer receives until the service has started (its database migrated), so nothing is
/// consumed against a database that is not there yet, retried into <c>_error</c>, or acknowledged unhandled: held
/// messages stay unacknowledged in the broker, and another replica (or this one, later) consumes them.
/// </summary>
internal sealed class StartupGateConsumeFilter(StartupGate gate) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next) =>
        gate.IsOpen ? next.Send(context) : SendWhenOpenAsync(context, next);

    private async Task SendWhenOpenAsync(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        await gate.WhenOpenAsync(context.CancellationToken);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("startupGate");
}
