using Microsoft.AspNetCore.Builder;
using Portal.ServiceDefaults.Authentication;
using Xunit;

namespace Portal.ServiceDefaults.Tests;

/// <summary>A service without usable <c>Authentication</c> settings refuses to start and says which to set.</summary>
public sealed class AuthenticationSettingsTests
{
    [Fact]
    public void A_service_without_authentication_settings_names_each_missing_setting()
    {
        var builder = WebApplication.CreateBuilder();
        var exception = Assert.Throws<ConfigurationException>(() => builder.AddPortalAuthentication());
        Assert.Contains("Authentication:Authority", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication:ClientId", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication__Authority", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authentication:Authority", "not-a-url", "Authentication:Authority")]
    [InlineData("Authentication:MetadataAddress", "ftp://127.0.0.1/x", "Authentication:MetadataAddress")]
    [InlineData("Authentication:RevocationPollInterval", "-00:00:01", "Authentication:RevocationPollInterval")]
    public void An_unusable_setting_is_named(string key, string value, string named)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Authentication:Authority"] = "http://127.0.0.1:7007/";
        builder.Configuration["Authentication:ClientId"] = "catalog";
        builder.Configuration["Authentication:ClientSecret"] = "secret";
        builder.Configuration[key] = value;
        var exception = Assert.Throws<ConfigurationException>(() => builder.AddPortalAuthentication());
        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", exception.Message.Replace("ClientSecret", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Revocations_older_than_a_token_lifetime_are_forgotten_and_the_latest_revocation_wins()
    {
        var revoked = new RevokedSubjects();
        var now = DateTimeOffset.UtcNow;
        revoked.Add("user:default/a", now.AddMinutes(-10));
        revoked.Add("user:default/a", now.AddMinutes(-20));
        revoked.Add("user:default/b", now.AddDays(-2));

        Assert.True(revoked.IsRevoked("user:default/a", now.AddMinutes(-11)));
        Assert.False(revoked.IsRevoked("user:default/a", now.AddMinutes(-9)));
        Assert.False(revoked.IsRevoked("user:default/c", now.AddMinutes(-30)));

        revoked.ForgetBefore(now.AddDays(-1));
        Assert.Equal(1, revoked.Count);
        Assert.False(revoked.IsRevoked("user:default/b", now.AddDays(-3)));
    }
}
