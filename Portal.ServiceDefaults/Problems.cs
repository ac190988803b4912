using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.ServiceDefaults;

/// <summary>RFC 7807 problem results with Backstage's error names in <c>title</c>, shared by every service's API.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, string title = "InputError") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "NotFoundError");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "ConflictError");

    /// <summary>400 with one entry per field, as <c>errors: { "field": ["problem"] }</c>.</summary>
    public static ValidationProblem InvalidValues(IDictionary<string, string[]> errors, string detail) =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "InputError");
}
