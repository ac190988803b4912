using Microsoft.AspNetCore.Http;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>Finds the first query or route parameter that holds a control character, before any endpoint reads it.</summary>
public static class ParameterTextGuard
{
    public static BadRequestProblem? Check(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (Problem(name, "query parameter name") is { } badName)
            {
                return badName;
            }

            foreach (var value in values)
            {
                if (ControlCharacters.Problem(value) is { } reason)
                {
                    return new BadRequestProblem(StatusCodes.Status400BadRequest, name, reason);
                }
            }
        }

        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && ControlCharacters.Problem(text) is { } reason)
            {
                return new BadRequestProblem(StatusCodes.Status400BadRequest, name, reason);
            }
        }

        return null;
    }

    private static BadRequestProblem? Problem(string name, string what) =>
        ControlCharacters.Problem(name) is { } reason
            ? new BadRequestProblem(StatusCodes.Status400BadRequest, what, reason)
            : null;
}
