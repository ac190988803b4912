using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.ServiceDefaults;

/// <summary>
/// A request that failed because the service's PostgreSQL is out of reach (restarting, crashed, the network between)
/// is answered <c>503</c> problem details with <c>Retry-After</c>, naming the database as the cause, rather than a
/// <c>500</c>: the caller's request was fine and will work again once the database is back.
/// </summary>
public sealed partial class DatabaseUnavailableExceptionHandler(IHostEnvironment environment, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait: about what a PostgreSQL restart or crash recovery takes.</summary>
    public const int RetryAfterSeconds = ServiceUnavailableProblem.RetryAfterSeconds;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (FindUnavailable(exception) is not { } cause)
        {
            return false;
        }

        var service = ServiceNames.Of(environment);
        var reason = cause.Message.TrimEnd('.');
        LogUnavailable(httpContext.Request.Method, httpContext.Request.Path.Value ?? "", reason);
        await ServiceUnavailableProblem.WriteAsync(httpContext,
            $"the {service}'s database is not reachable right now ({reason}); try again in a few seconds");
        return true;
    }

    /// <summary>The Npgsql error in <paramref name="exception"/>'s chain that says the server cannot be used right now.</summary>
    public static NpgsqlException? FindUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException npgsql && IsUnavailable(npgsql))
            {
                return npgsql;
            }
        }

        return null;
    }

    // Class 08: connection exceptions; 57P01-57P03: the server shutting down, crashed or not yet accepting connections;
    // anything else Npgsql calls transient (sockets, timeouts) and that is not an answer of the server about the request.
    private static bool IsUnavailable(NpgsqlException exception) => exception is PostgresException postgres
        ? postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03"
        : exception.IsTransient;


    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database is not reachable ({Reason})")]
    private partial void LogUnavailable(string method, string path, string reason);
}
