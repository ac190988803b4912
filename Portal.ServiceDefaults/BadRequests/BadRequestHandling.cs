using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.ServiceDefaults.BadRequests;

/// <summary>
/// One path for bad requests in every service: whatever a caller sends, a mistake in it is a 4xx problem naming the
/// field or parameter and the reason, never a 500.
/// </summary>
public static class BadRequestHandling
{
    /// <summary>
    /// Binding failures throw (in every environment, not only Development) so that <see cref="BadRequestExceptionHandler"/>
    /// can name the parameter; without this, Production answers an empty 400 and Development a 500.
    /// </summary>
    public static TBuilder AddBadRequestHandling<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails += DescribeUnsupportedMediaType);
        return builder;
    }

    /// <summary>Routing answers 415 itself when a JSON endpoint gets another content type; say what to send.</summary>
    private static void DescribeUnsupportedMediaType(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status415UnsupportedMediaType || problem.Detail is not null)
        {
            return;
        }

        var sent = context.HttpContext.Request.ContentType;
        var reason = $"{(string.IsNullOrEmpty(sent) ? "no content type was sent" : $"'{sent}' was sent")}; this endpoint reads JSON: send Content-Type: application/json";
        problem.Title = "UnsupportedMediaTypeError";
        problem.Detail = $"Content-Type: {reason}";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [reason] };
    }

    /// <summary>Runs after routing (WebApplication routes first), so route values and the endpoint's metadata are known.</summary>
    public static WebApplication UseBadInputGuard(this WebApplication app)
    {
        app.UseMiddleware<BadInputMiddleware>();
        return app;
    }
}
