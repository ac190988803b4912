using MassTransit;
using Portal.Testing;
using Xunit;

namespace Identity.Api.Tests;

/// <summary>
/// The identity service through the shared <see cref="TestIdentityProvider"/>, on a RabbitMQ virtual host of its own,
/// and a bus the tests publish catalog events with, as the catalog does.
/// </summary>
public sealed class IdentityApp : IAsyncLifetime
{
    private IBusControl? _publisher;

    // Expired audit entries are pruned every second here, so the retention test need not wait an hour.
    public IdentityApp() => Provider = new TestIdentityProvider(Broker, new Dictionary<string, string?> { ["Audit:PruneInterval"] = "00:00:01" });

    /// <summary>An identity service of another kind (e.g. behind an external provider) on a virtual host of its own.</summary>
    internal IdentityApp(Func<RabbitMqVirtualHost, TestIdentityProvider> provider) => Provider = provider(Broker);

    public RabbitMqVirtualHost Broker { get; } = new();

    public TestIdentityProvider Provider { get; }

    public async Task InitializeAsync()
    {
        await Broker.InitializeAsync();
        await Provider.InitializeAsync();
        _publisher = Bus.Factory.CreateUsingRabbitMq(rabbit =>
            rabbit.Host(new Uri(Broker.ConnectionString.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal))));
        await _publisher.StartAsync();
    }

    public async Task PublishAsync<T>(params T[] messages) where T : class
    {
        foreach (var message in messages)
        {
            await _publisher!.Publish(message);
        }
    }

    /// <summary>Waits until the provider signs the user in (it has seen the user's event).</summary>
    public Task WaitUntilKnownAsync(string user) => Eventually.GetAsync(
        () => Provider.PostTokenAsync(TestIdentityProvider.PasswordGrant(user, Provider.DevelopmentPassword!)),
        answer => answer.Status == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"the user {user} to be known",
        answer => answer.Body.ToString());

    /// <summary>A new catalog user with no groups, once the provider knows it.</summary>
    public async Task<string> KnownUserAsync(string prefix = "user")
    {
        var user = CatalogEvents.UniqueName(prefix);
        await PublishAsync(CatalogEvents.User(user));
        await WaitUntilKnownAsync(user);
        return user;
    }

    public async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.StopAsync();
        }

        await Provider.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityApp>
{
    public const string Name = "identity";
}
