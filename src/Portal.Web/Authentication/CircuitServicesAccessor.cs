using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Web.Authentication;

/// <summary>
/// The services of the Blazor circuit whose work is running now. <c>IHttpClientFactory</c> builds message handlers in
/// a scope of its own, so a handler finds the circuit's <see cref="UserSession"/> through this (Microsoft's
/// "access server-side Blazor services from a different DI scope" pattern).
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

/// <summary>Makes the circuit's services reachable (<see cref="CircuitServicesAccessor"/>) while the circuit works.</summary>
public sealed class CircuitServicesActivityHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            try
            {
                await next(context);
            }
            finally
            {
                accessor.Services = null;
            }
        };
}
