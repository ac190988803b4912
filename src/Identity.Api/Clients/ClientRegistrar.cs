using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;
using Portal.ServiceDefaults.Startup;

namespace Identity.Api.Clients;

/// <summary>
/// Creates or updates the configured clients at start, and deletes <c>portal-cli</c> when no development password is
/// set (so a database that once ran in development grants no password flow afterwards). Replicas take turns under an
/// advisory lock, so two starting together do not both create a client.
/// </summary>
internal sealed class ClientRegistrar(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    IOptions<IdentityOptions> options,
    ILogger<ClientRegistrar> logger) : IStartupTask
{
    private const long RegistrationLockKey = 0x506f7274616c43; // "PortalC"

    public string Name => "the registration of the provider's clients";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RegistrationLockKey})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await RegisterAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RegistrationLockKey})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task RegisterAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var registered = new List<string>();
        foreach (var descriptor in PortalClients.Describe(options.Value))
        {
            if (await manager.FindByClientIdAsync(descriptor.ClientId!, ct) is { } existing)
            {
                await manager.UpdateAsync(existing, descriptor, ct);
            }
            else
            {
                await manager.CreateAsync(descriptor, ct);
            }

            registered.Add(descriptor.ClientId!);
        }

        if (!registered.Contains(PortalClients.Cli) && await manager.FindByClientIdAsync(PortalClients.Cli, ct) is { } cli)
        {
            await manager.DeleteAsync(cli, ct);
        }

        logger.LogInformation("Registered the clients {Clients}", registered);
    }
}
