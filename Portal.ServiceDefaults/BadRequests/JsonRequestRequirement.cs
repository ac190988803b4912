using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>
/// State-changing POSTs that need no body must still come as <c>Content-Type: application/json</c> (the body may be
/// empty): an HTML form on another site can send a simple POST, but not one with that type without a CORS preflight,
/// which Portal does not grant. DELETE needs no such rule: it is never a simple request.
/// </summary>
public static class JsonRequestRequirement
{
    public static TBuilder RequireJsonRequest<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (!context.HttpContext.Request.HasJsonContentType())
            {
                var sent = context.HttpContext.Request.ContentType;
                await new BadRequestProblem(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                    $"{(string.IsNullOrEmpty(sent) ? "no content type was sent" : $"'{sent}' was sent")}; this request changes state and must be sent with Content-Type: application/json (an empty body is fine)")
                    .WriteAsync(context.HttpContext);
                return EmptyHttpResult.Instance;
            }

            return await next(context);
        });
}
