using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Permissions.Policy;
using Portal.ServiceDefaults;

namespace Portal.Permissions;

public static class PermissionsExtensions
{
    /// <summary>
    /// The policy in force as <see cref="IPermissionPolicy"/>: <c>Permissions:PolicyFile</c> (reloaded when it changes)
    /// or the built-in default policy. A policy with errors stops the service's start with every error's line.
    /// </summary>
    public static TBuilder AddPortalPermissions<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(PermissionsOptions.SectionName);
        var settings = section.Get<PermissionsOptions>() ?? new PermissionsOptions();
        try
        {
            // Read once now, so that a policy with errors stops the start with one clear line (exit code 2).
            _ = new PermissionPolicy(Options.Create(settings), NullLogger<PermissionPolicy>.Instance);
        }
        catch (PolicyFileException exception)
        {
            throw new ConfigurationException(exception.Message + ". Fix the file or set Permissions:PolicyFile to another one.");
        }

        builder.Services.Configure<PermissionsOptions>(section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PermissionPolicy>();
        builder.Services.AddSingleton<IPermissionPolicy>(services => services.GetRequiredService<PermissionPolicy>());
        builder.Services.AddHostedService<PolicyFileWatcher>();
        return builder;
    }
}
