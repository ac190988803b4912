using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Portal.ServiceDefaults.Startup;

/// <summary>
/// While the <see cref="StartupGate"/> is closed, every request but the probes is answered <c>503</c> problem details
/// with <c>Retry-After</c>, naming what the service waits for: it cannot do the work yet, and says so instead of failing
/// half-way. Once open, this is one check of a completed task per request.
/// </summary>
internal sealed class StartupGateMiddleware(RequestDelegate next, StartupGate gate, IHostEnvironment environment)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (gate.IsOpen || context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
        {
            return next(context);
        }

        return ServiceUnavailableProblem.WriteAsync(context,
            $"the {ServiceNames.Of(environment)} is starting and cannot serve requests yet ({gate.WaitingFor}); try again in a few seconds");
    }
}
