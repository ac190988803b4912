using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Portal.ServiceDefaults;

/// <summary>
/// The answer of a service that cannot do the work right now, though the request was fine: <c>503</c> problem details
/// titled <c>ServiceUnavailableError</c>, with <c>Retry-After</c>.
/// </summary>
internal static class ServiceUnavailableProblem
{
    /// <summary>Seconds a client is asked to wait: about what a PostgreSQL restart or crash recovery takes.</summary>
    public const int RetryAfterSeconds = 5;

    public static Task WriteAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "ServiceUnavailableError", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(context);
    }
}
