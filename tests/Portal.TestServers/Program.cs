using Portal.LocalServers;
using Portal.Testing;

// `start`: brings up the shared test PostgreSQL and RabbitMQ (or finds them running); `stop`: stops them.
try
{
    var postgres = await TestServers.PostgresAsync();
    var rabbitMq = await TestServers.RabbitMqAsync();
    if (args is ["stop"])
    {
        await rabbitMq.StopAsync();
        await postgres.StopAsync();
        Console.WriteLine("Test servers stopped.");
    }
    else
    {
        Console.WriteLine($"Test servers ready: PostgreSQL on 127.0.0.1:{TestServers.PostgresPort}, RabbitMQ on 127.0.0.1:{TestServers.AmqpPort}.");
    }

    return 0;
}
catch (LocalServerException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}
