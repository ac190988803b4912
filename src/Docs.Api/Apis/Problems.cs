using Microsoft.AspNetCore.Http.HttpResults;

namespace Docs.Api.Apis;

/// <summary>RFC 7807 problem results with Backstage's error names in <c>title</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "InputError");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "NotFoundError");
}
