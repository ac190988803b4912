using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>What the provider logs never includes what could be replayed: secrets, passwords, codes, verifiers, tokens.</summary>
[Collection(IdentityCollection.Name)]
public sealed class SecretLoggingTests(IdentityApp app)
{
    [Fact]
    public async Task No_secret_code_verifier_password_or_token_reaches_the_providers_log()
    {
        var user = await app.KnownUserAsync("logged");
        using var browser = new BrowserSession(app.Provider);
        using var redirect = await browser.SignInAsync(user, app.Provider.DevelopmentPassword!);
        var code = browser.CodeFrom(redirect);
        var codeTokens = await app.Provider.TokenResponseAsync(browser.CodeGrant(code));
        var refresh = TestIdentityProvider.RefreshTokenGrant(codeTokens.GetProperty("refresh_token").GetString()!, "portal-web");
        refresh["client_secret"] = app.Provider.ClientSecrets["portal-web"];
        var refreshed = await app.Provider.TokenResponseAsync(refresh);
        var passwordTokens = await app.Provider.TokenResponseAsync(TestIdentityProvider.PasswordGrant(user, app.Provider.DevelopmentPassword!));
        var serviceToken = await app.Provider.ServiceTokenAsync("portal-automation");
        // A refused attempt is logged too: its wrong password must not be.
        const string wrongPassword = "not-the-password-7f3a9c";
        await app.Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant(user, wrongPassword));

        var secrets = new Dictionary<string, string>
        {
            ["code_verifier"] = browser.CodeVerifier,
            ["authorization code"] = code,
            ["development password"] = app.Provider.DevelopmentPassword!,
            ["wrong password"] = wrongPassword,
            ["portal-automation secret"] = app.Provider.ClientSecrets["portal-automation"],
            ["portal-web secret"] = app.Provider.ClientSecrets["portal-web"],
            ["service token"] = serviceToken,
        };
        foreach (var (name, answer) in new[] { ("code", codeTokens), ("refreshed", refreshed), ("password", passwordTokens) })
        {
            foreach (var kind in new[] { "access_token", "refresh_token", "id_token" })
            {
                if (answer.TryGetProperty(kind, out var token))
                {
                    secrets[$"{name} {kind}"] = token.GetString()!;
                }
            }
        }

        var logs = app.Provider.Logs.ToList();
        Assert.NotEmpty(logs);
        foreach (var (name, secret) in secrets)
        {
            Assert.True(secret.Length >= 8, $"{name} is too short to search for");
            var leak = logs.FirstOrDefault(line => line.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"the {name} appears in the provider's log: {leak?[..Math.Min(leak.Length, 300)]}");
        }
    }
}
