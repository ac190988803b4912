using Npgsql;

namespace Catalog.Subscriber.Example;

/// <summary>Creates the directory's table before the bus starts consuming (a real service would use migrations).</summary>
public sealed class DirectorySchema(NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OwnershipDirectory.Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
