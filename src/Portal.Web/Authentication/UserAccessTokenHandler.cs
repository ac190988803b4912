namespace Portal.Web.Authentication;

/// <summary>
/// Sends the signed-in person's access token with the typed clients' calls to the services, from a page being
/// prerendered (the request's services) or a circuit (<see cref="CircuitServicesAccessor"/>). A call that already
/// carries an <c>Authorization</c> header, or is made with nobody signed in, goes as it is.
/// </summary>
public sealed class UserAccessTokenHandler(CircuitServicesAccessor circuit, IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var services = circuit.Services ?? httpContextAccessor.HttpContext?.RequestServices;
        if (request.Headers.Authorization is null
            && services?.GetService<UserSession>() is { } session
            && await session.AccessTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
