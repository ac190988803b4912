using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>
/// Turns what the request pipeline throws about the request itself into 4xx problem details naming the parameter:
/// binding failures (<c>limit=99999999999</c>), JSON the binder cannot read, wrong content types, bodies over the
/// server's limit; and, as a last guard, PostgreSQL refusing a value as data (class 22, e.g. NUL in text). Everything
/// else stays a 500.
/// </summary>
public sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Describe(exception) is not { } problem)
        {
            return false;
        }

        await problem.WriteAsync(httpContext);
        return true;
    }

    public static BadRequestProblem? Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        BadHttpRequestException request => FromRequest(request),
        _ when FindDataException(exception) is { } data => new BadRequestProblem(StatusCodes.Status400BadRequest, "request",
            $"a value in the request cannot be stored: {data.MessageText}"),
        _ => null,
    };

    private static BadRequestProblem FromJson(JsonException json) => new(
        StatusCodes.Status400BadRequest, JsonBodyScanner.FieldName(json.Path), JsonBodyScanner.Reason(json),
        json.LineNumber + 1, json.BytePositionInLine + 1);

    private static BadRequestProblem FromRequest(BadHttpRequestException request)
    {
        var status = request.StatusCode is >= 400 and < 500 ? request.StatusCode : StatusCodes.Status400BadRequest;
        if (BindFailure().Match(request.Message) is { Success: true } bind)
        {
            var type = bind.Groups["type"].Value;
            return new BadRequestProblem(status, bind.Groups["name"].Value,
                $"'{Shorten(bind.Groups["value"].Value)}' {Expected(type)}");
        }

        if (request.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return new BadRequestProblem(status, "body", "the request needs a JSON body");
        }

        if (MissingParameter().Match(request.Message) is { Success: true } missing)
        {
            var source = missing.Groups["source"].Value;
            return new BadRequestProblem(status, source == "body" ? "body" : missing.Groups["name"].Value,
                source == "body" ? "the request needs a JSON body" : $"is required (from the {source})");
        }

        return status switch
        {
            StatusCodes.Status415UnsupportedMediaType => new BadRequestProblem(status, "Content-Type",
                $"{request.Message} Send the body as JSON with Content-Type: application/json."),
            StatusCodes.Status413PayloadTooLarge => new BadRequestProblem(status, "body", request.Message),
            _ => new BadRequestProblem(status, "request", request.Message),
        };
    }

    // The binder writes an optional number as "int?" or "Nullable<int>".
    private static string Expected(string type) => NullableOf().Replace(type, "$1").TrimEnd('?') switch
    {
        "int" or "Int32" => $"is not a whole number from {int.MinValue} to {int.MaxValue}",
        "long" or "Int64" => $"is not a whole number from {long.MinValue} to {long.MaxValue}",
        "short" or "Int16" => $"is not a whole number from {short.MinValue} to {short.MaxValue}",
        "bool" or "Boolean" => "is not true or false",
        "Guid" => "is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
        "DateTimeOffset" or "DateTime" => "is not an ISO 8601 date and time",
        "TimeSpan" => "is not a duration (hh:mm:ss)",
        "double" or "float" or "decimal" => "is not a number",
        var other => $"cannot be read as {other}",
    };

    private static PostgresException? FindDataException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: [ '2', '2', ..] } data)
            {
                return data;
            }
        }

        return null;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    // RequestDelegateFactory's messages: Failed to bind parameter "int? limit" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Nullable<(.+)>$")]
    private static partial Regex NullableOf();

    // Required parameter "LocationSpec body" was not provided from body.
    [GeneratedRegex("""^Required parameter "(?<type>[^"]*) (?<name>[^" ]+)" was not provided from (?<source>[^.]+)\.$""")]
    private static partial Regex MissingParameter();
}
