using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// What the bearer handler does beyond checking a token: refuses tokens in query strings, refuses tokens of revoked
/// subjects, and answers 401/403 as problem details (Backstage's <c>AuthenticationError</c> and <c>NotAllowedError</c>)
/// that say what was wrong without repeating the token.
/// </summary>
internal static class BearerTokenEvents
{
    /// <summary>RFC 6750's query parameter; a token in a URL ends up in logs and browser history, so it is never read.</summary>
    public const string QueryParameter = "access_token";

    public static JwtBearerEvents Create() => new()
    {
        OnMessageReceived = context =>
        {
            if (context.Request.Query.ContainsKey(QueryParameter))
            {
                context.Fail(new TokenRefusedException(
                    $"An access token in the query string ({QueryParameter}) is never accepted: send it in the Authorization header as 'Bearer <token>'."));
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = async context =>
        {
            if (context.HttpContext.RequestServices.GetService<ExternalIdentityResolution>() is { } resolution)
            {
                try
                {
                    context.Principal = await resolution.ResolveAsync(context.Principal!, context.HttpContext.RequestAborted);
                }
                catch (Exception exception) when (exception is TokenRefusedException or IdentityResolutionUnavailableException)
                {
                    context.Fail(exception);
                }

                return;
            }

            var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedSubjects>();
            if (context.SecurityToken is JsonWebToken token && context.Principal?.FindFirst(PortalClaims.Subject)?.Value is { } subject
                && revoked.IsRevoked(subject, new DateTimeOffset(token.IssuedAt == DateTime.MinValue ? token.ValidFrom : token.IssuedAt, TimeSpan.Zero)))
            {
                context.Fail(new TokenRefusedException("The access token's subject has been revoked (the user was removed from the catalog): sign in again."));
            }
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            var (status, detail, error) = Describe(context.Request, context.AuthenticateFailure);
            context.Response.StatusCode = status;
            context.Response.Headers.WWWAuthenticate = error is null
                ? JwtBearerDefaults.AuthenticationScheme
                : $"{JwtBearerDefaults.AuthenticationScheme} error=\"{error}\", error_description=\"{detail}\"";
            await WriteProblemAsync(context.HttpContext, status, "AuthenticationError", detail);
        },
        OnForbidden = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "NotAllowedError",
            "The caller is authenticated but not allowed to do this."),
    };

    private static (int Status, string Detail, string? Error) Describe(HttpRequest request, Exception? failure)
    {
        const string invalid = "invalid_token";
        const int unauthorized = StatusCodes.Status401Unauthorized;
        return failure switch
        {
            null when !request.Headers.Authorization.Any(value => !string.IsNullOrWhiteSpace(value)) =>
                (unauthorized, "Authentication is required: send an access token in the Authorization header as 'Bearer <token>'.", null),
            null => (unauthorized, "The Authorization header must be 'Bearer <access token>'.", "invalid_request"),
            TokenRefusedException refused => (unauthorized, refused.Message, invalid),
            SecurityTokenExpiredException => (unauthorized, "The access token has expired.", invalid),
            SecurityTokenNotYetValidException => (unauthorized, "The access token is not valid yet.", invalid),
            SecurityTokenInvalidAudienceException => (unauthorized, "The access token is not meant for this service (its audience is wrong).", invalid),
            SecurityTokenInvalidIssuerException => (unauthorized, "The access token was issued by an issuer this service does not trust.", invalid),
            SecurityTokenInvalidAlgorithmException => (unauthorized, "The access token is signed with an algorithm this service does not accept.", invalid),
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                (unauthorized, "The access token's signature is not valid.", invalid),
            SecurityTokenMalformedException or ArgumentException => (unauthorized, "The access token is not a well-formed JWT.", invalid),
            IdentityResolutionUnavailableException => (StatusCodes.Status503ServiceUnavailable,
                "The identity service cannot be asked who this token stands for right now; try again shortly.", null),
            // The provider's discovery document or keys cannot be read: the token may be fine, this service cannot tell.
            InvalidOperationException => (StatusCodes.Status503ServiceUnavailable, "The identity provider's signing keys cannot be read right now; try again shortly.", null),
            _ => (unauthorized, "The access token is not valid.", invalid),
        };
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

}

/// <summary>A token this service refuses for a reason of its own; the message is safe to show the caller.</summary>
internal sealed class TokenRefusedException(string message) : Exception(message);
