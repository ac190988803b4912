using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>
/// Refuses text no endpoint should see, after routing and before binding: control characters in query and route
/// parameters, and (for endpoints that read a JSON body) a body <see cref="JsonBodyScanner"/> refuses. A refused
/// request reaches no endpoint, so it changes nothing.
/// </summary>
public sealed class BadInputMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var problem = ParameterTextGuard.Check(context.Request);
        if (problem is null && ReadsJsonBody(context))
        {
            problem = await ScanBodyAsync(context.Request);
        }

        if (problem is not null)
        {
            await problem.WriteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool ReadsJsonBody(HttpContext context) =>
        context.Request.HasJsonContentType()
        && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
        && accepts.ContentTypes.Any(type => type.Contains("json", StringComparison.OrdinalIgnoreCase));

    private static async Task<BadRequestProblem?> ScanBodyAsync(HttpRequest request)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return copy.Length == 0 ? null : JsonBodyScanner.Scan(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }
}
