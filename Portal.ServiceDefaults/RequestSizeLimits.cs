using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.ServiceDefaults;

/// <summary>
/// The largest request body every service takes: the setting <c>Kestrel:Limits:MaxRequestBodySize</c> (bytes), 4 MiB
/// when unset rather than Kestrel's 30 MB, since no Portal API needs more than an entity (at most 1 MiB) and its
/// wrapping. An endpoint may set its own with <c>RequestSizeLimitAttribute</c> metadata. A body over the limit is a 413
/// problem (Backstage's <c>PayloadTooLargeError</c>) naming the limit, whether it is declared by Content-Length (refused
/// before it is read) or found while reading a chunked body.
/// </summary>
public static class RequestSizeLimits
{
    public const string SettingName = "Kestrel:Limits:MaxRequestBodySize";
    public const long DefaultMaxRequestBodyBytes = 4 * 1024 * 1024;
    private const string Title = "PayloadTooLargeError";

    public static TBuilder AddRequestSizeLimits<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var limit = builder.Configuration.GetValue<long?>(SettingName) ?? DefaultMaxRequestBodyBytes;
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = limit);
        builder.Services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
                {
                    context.ProblemDetails.Title = Title;
                    context.ProblemDetails.Detail ??= Describe(context.HttpContext);
                }
            };
        });
        return builder;
    }

    /// <summary>Answers 413 problem details for bodies over the limit; runs after routing, so endpoint limits apply.</summary>
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodySize(context))
            {
                await WriteTooLargeAsync(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                await WriteTooLargeAsync(context);
            }
        });

    private static async Task WriteTooLargeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge },
        });
    }

    private static long? MaxBodySize(HttpContext context) => context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    private static string Describe(HttpContext context) =>
        MaxBodySize(context) is { } limit
            ? $"The request body is larger than the limit of {limit} bytes for {context.Request.Method} {context.Request.Path} ({SettingName})."
            : "The request body is too large.";
}
