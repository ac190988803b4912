using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Tests;

/// <summary>
/// The front door's session cookie (<c>portal.session</c>, split into chunks when large) opened the way the cookie
/// handler opens it: with the data-protection purposes of ASP.NET Core's cookie authentication for the "Cookies" scheme.
/// </summary>
internal static class SessionCookie
{
    private const string Name = "portal.session";

    public static AuthenticationTicket Open(IReadOnlyDictionary<string, string> cookies, IDataProtectionProvider keys)
    {
        var value = cookies[Name];
        if (value.StartsWith("chunks-", StringComparison.Ordinal))
        {
            var count = int.Parse(value["chunks-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            value = string.Concat(Enumerable.Range(1, count).Select(chunk => cookies[$"{Name}C{chunk}"]));
        }

        var protector = keys.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "Cookies", "v2");
        return new TicketDataFormat(protector).Unprotect(value) ?? throw new InvalidOperationException("the session cookie could not be opened with the shared keys");
    }
}
