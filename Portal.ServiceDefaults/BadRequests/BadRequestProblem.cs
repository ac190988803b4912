using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>
/// A request refused before it reaches an endpoint, as RFC 7807 problem details shaped like every other input error:
/// Backstage's <c>InputError</c> title, the field or parameter in <c>errors</c>, and the line and column for bodies.
/// </summary>
public sealed record BadRequestProblem(int Status, string Field, string Reason, long? Line = null, long? Column = null)
{
    public string Detail => Line is { } line
        ? $"{Field} (line {line}{(Column is { } column ? $", column {column}" : "")}): {Reason}"
        : $"{Field}: {Reason}";

    public ValidationProblemDetails ToProblemDetails()
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [Field] = [Reason] })
        {
            Status = Status,
            Title = Status switch
            {
                StatusCodes.Status413PayloadTooLarge => "PayloadTooLargeError",
                StatusCodes.Status415UnsupportedMediaType => "UnsupportedMediaTypeError",
                _ => "InputError",
            },
            Detail = Detail,
        };
        if (Line is not null)
        {
            problem.Extensions["line"] = Line;
            problem.Extensions["column"] = Column;
        }

        return problem;
    }

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        var details = ToProblemDetails();
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
        {
            await context.Response.WriteAsJsonAsync(details, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
