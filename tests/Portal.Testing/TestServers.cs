using Microsoft.Extensions.Logging.Abstractions;
using Portal.LocalServers;

namespace Portal.Testing;

/// <summary>
/// The PostgreSQL cluster and RabbitMQ node that integration tests share, started as in shared/INFRA.md on their own
/// ports (so a running AppHost is not disturbed) or reused when already running. `tests/run-all.sh` starts them once
/// before the test processes; a test run started any other way starts them on first use. Start-up is serialised
/// across test processes with a lock file.
/// </summary>
public static class TestServers
{
    public const int PostgresPort = 55432;
    public const int AmqpPort = 55672;

    private static readonly string Root = Environment.GetEnvironmentVariable("PORTAL_TEST_SERVERS_DIR") ?? "/tmp/portal-test-servers";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _postgres;
    private static RabbitMqServer? _rabbitMq;

    public static PostgresServerOptions PostgresOptions => new()
    {
        DataDirectory = Path.Combine(Root, "postgres"),
        Port = PostgresPort,
        Fsync = false,
    };

    public static RabbitMqServerOptions RabbitMqOptions => new()
    {
        BaseDirectory = Path.Combine(Root, "rabbitmq"),
        NodeName = "portal-test@localhost",
        AmqpPort = AmqpPort,
        DistributionPort = AmqpPort + 1,
        ManagementPort = AmqpPort + 2,
        InstallIfMissing = true,
    };

    public static Task<PostgresServer> PostgresAsync() =>
        GetAsync(() => _postgres, server => _postgres = server, ct => LocalPostgres.StartAsync(PostgresOptions, NullLogger.Instance, ct));

    public static Task<RabbitMqServer> RabbitMqAsync() =>
        GetAsync(() => _rabbitMq, server => _rabbitMq = server, ct => LocalRabbitMq.StartAsync(RabbitMqOptions, NullLogger.Instance, ct));

    /// <summary>Starts (or reuses) a RabbitMQ node that only one test uses, for tests that stop and restart the broker.</summary>
    public static async Task<RabbitMqServer> PrivateRabbitMqAsync(string name, int amqpPort)
    {
        var options = new RabbitMqServerOptions
        {
            BaseDirectory = Path.Combine(Root, "rabbitmq-" + name),
            NodeName = $"portal-test-{name}@localhost",
            AmqpPort = amqpPort,
            DistributionPort = amqpPort + 1,
            ManagementPort = amqpPort + 2,
            InstallIfMissing = true,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using (await CrossProcessLock.AcquireAsync(Path.Combine(Root, "start.lock"), timeout.Token))
        {
            return await LocalRabbitMq.StartAsync(options, NullLogger.Instance, timeout.Token);
        }
    }

    private static async Task<T> GetAsync<T>(Func<T?> current, Action<T> store, Func<CancellationToken, Task<T>> start) where T : class
    {
        await Gate.WaitAsync();
        try
        {
            if (current() is { } running)
            {
                return running;
            }

            Directory.CreateDirectory(Root);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            using (await CrossProcessLock.AcquireAsync(Path.Combine(Root, "start.lock"), timeout.Token))
            {
                var server = await start(timeout.Token);
                store(server);
                return server;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
