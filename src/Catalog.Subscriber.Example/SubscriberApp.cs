using Catalog.Subscriber.Example.Consumers;
using MassTransit;

namespace Catalog.Subscriber.Example;

/// <summary>
/// An example of another team's service subscribing to Portal's catalog events: an "ownership directory" that keeps,
/// in its own PostgreSQL database, which team owns which entity, and answers <c>GET /owners/group:default/team-a</c>. It binds its
/// own queues (<c>ownership-directory-entity-registered</c>, …) to the catalog's event exchanges, so every replica of it
/// competes on them while Portal's services keep theirs.
/// </summary>
public static class SubscriberApp
{
    public const string ServiceName = "ownership-directory";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var database = builder.Configuration.GetConnectionString("directory")
            ?? throw new InvalidOperationException("set ConnectionStrings:directory to this service's PostgreSQL database");
        var broker = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("set ConnectionStrings:messaging to the broker's amqp:// URI");

        builder.Services.AddNpgsqlDataSource(database);
        builder.Services.AddSingleton<OwnershipDirectory>();
        builder.Services.AddHostedService<DirectorySchema>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(ServiceName, includeNamespace: false));
            bus.DisableUsageTelemetry(); // nothing about this bus leaves the organization
            bus.AddConsumer<EntityRegisteredConsumer>();
            bus.AddConsumer<EntityUpdatedConsumer>();
            bus.AddConsumer<EntityRemovedConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(broker.Replace("amqp://", "rabbitmq://", StringComparison.Ordinal)));
                rabbit.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
                rabbit.ConfigureEndpoints(context);
            });
        });

        // Start-up completes once the queues are bound, so no event published after that is missed.
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);

        var app = builder.Build();
        app.MapGet("/owners/{*owner}", async (string owner, OwnershipDirectory directory, CancellationToken ct) =>
            Results.Ok(await directory.OwnedByAsync(owner, ct)));
        return app;
    }
}
