using System.Net.Http.Headers;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Portal.Web.Authentication;

/// <summary>
/// An <c>/api/*</c> request from a signed-in browser reaches the service with <c>Authorization: Bearer</c> and the
/// person's access token (the cookie's, renewed when about to expire); a request that brings its own
/// <c>Authorization</c> (a script, the CLI) passes unchanged. The sign-in cookie itself stays at the front door.
/// </summary>
public static class UserTokenForwarding
{
    private const string SessionCookiePrefix = "portal.session";

    public static void Apply(TransformBuilderContext context)
    {
        if (!context.Route.Match.Path?.StartsWith("/api/", StringComparison.Ordinal) ?? true)
        {
            return;
        }

        context.AddRequestTransform(async transform =>
        {
            RemoveSessionCookie(transform.ProxyRequest);
            var incoming = transform.HttpContext.Request;
            if (incoming.Headers.ContainsKey(HeaderNames.Authorization) || transform.HttpContext.User.Identity?.IsAuthenticated != true)
            {
                return;
            }

            var session = transform.HttpContext.RequestServices.GetRequiredService<UserSession>();
            if (await session.AccessTokenAsync(transform.HttpContext.RequestAborted) is { } token)
            {
                transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        });
    }

    private static void RemoveSessionCookie(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues(HeaderNames.Cookie, out var values))
        {
            return;
        }

        var kept = values.SelectMany(value => value.Split(';'))
            .Select(cookie => cookie.Trim())
            .Where(cookie => cookie.Length > 0 && !cookie.StartsWith(SessionCookiePrefix, StringComparison.Ordinal))
            .ToList();
        request.Headers.Remove(HeaderNames.Cookie);
        if (kept.Count > 0)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.Cookie, string.Join("; ", kept));
        }
    }
}
