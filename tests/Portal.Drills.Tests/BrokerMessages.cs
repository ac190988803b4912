using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.LocalServers;

namespace Portal.Drills.Tests;

/// <summary>
/// Messages on the run's broker through RabbitMQ's management HTTP API (virtual host <c>/</c>, the services' own):
/// a queue of the drill's own bound to the services' exchanges to copy what they publish, publishing such copies back
/// with their original properties, and reading queues (their depth, an <c>_error</c> queue's messages).
/// </summary>
public sealed class BrokerMessages(RabbitMqManagementApi management)
{
    private const string VirtualHost = "%2F";

    /// <summary>A durable queue of the drill's own that receives a copy of everything published to <paramref name="exchanges"/>.</summary>
    public async Task CaptureAsync(string queue, IEnumerable<string> exchanges)
    {
        await management.PutAsync($"queues/{VirtualHost}/{Uri.EscapeDataString(queue)}", """{"durable":true,"auto_delete":false}""", CancellationToken.None);
        foreach (var exchange in exchanges)
        {
            await management.PostAsync($"bindings/{VirtualHost}/e/{Uri.EscapeDataString(exchange)}/q/{Uri.EscapeDataString(queue)}",
                """{"routing_key":""}""", CancellationToken.None);
        }
    }

    public Task DeleteQueueAsync(string queue) =>
        management.DeleteAsync($"queues/{VirtualHost}/{Uri.EscapeDataString(queue)}", CancellationToken.None);

    /// <summary>Up to <paramref name="count"/> messages of a queue, taken off it or (<paramref name="keep"/>) put back.</summary>
    public async Task<IReadOnlyList<BrokerMessage>> GetAsync(string queue, int count, bool keep)
    {
        var body = JsonSerializer.Serialize(new { count, ackmode = keep ? "ack_requeue_true" : "ack_requeue_false", encoding = "auto", truncate = 1_000_000 });
        var answer = await management.PostAsync($"queues/{VirtualHost}/{Uri.EscapeDataString(queue)}/get", body, CancellationToken.None);
        return JsonNode.Parse(answer)!.AsArray().Select(message => new BrokerMessage(
            message!["exchange"]!.GetValue<string>(),
            message["routing_key"]!.GetValue<string>(),
            message["properties"]!.AsObject(),
            message["payload"]!.GetValue<string>())).ToList();
    }

    /// <summary>Publishes to an exchange (<c>amq.default</c> with a queue's name as routing key: straight into that queue).</summary>
    public async Task PublishAsync(string exchange, string routingKey, JsonObject properties, string payload)
    {
        var body = new JsonObject
        {
            ["properties"] = properties.DeepClone(),
            ["routing_key"] = routingKey,
            ["payload"] = payload,
            ["payload_encoding"] = "string",
        };
        var answer = await management.PostAsync($"exchanges/{VirtualHost}/{Uri.EscapeDataString(exchange)}/publish", body.ToJsonString(), CancellationToken.None);
        if (!JsonNode.Parse(answer)!["routed"]!.GetValue<bool>())
        {
            throw new InvalidOperationException($"the broker routed the message to {exchange} '{routingKey}' nowhere");
        }
    }

    /// <summary>Every queue's name, ready and unacknowledged messages and consumers (the broker refreshes these every few seconds).</summary>
    public async Task<IReadOnlyList<QueueDepth>> QueuesAsync()
    {
        var answer = await management.GetAsync($"queues/{VirtualHost}?columns=name,messages_ready,messages_unacknowledged,consumers", CancellationToken.None);
        return JsonNode.Parse(answer)!.AsArray().Select(queue => new QueueDepth(
            queue!["name"]!.GetValue<string>(),
            queue["messages_ready"]?.GetValue<long>() ?? 0,
            queue["messages_unacknowledged"]?.GetValue<long>() ?? 0,
            queue["consumers"]?.GetValue<long>() ?? 0)).ToList();
    }
}

public sealed record BrokerMessage(string Exchange, string RoutingKey, JsonObject Properties, string Payload)
{
    /// <summary>The MassTransit envelope's JSON (<c>messageId</c>, <c>messageType</c>, <c>message</c>…).</summary>
    public JsonObject Envelope => JsonNode.Parse(Payload)!.AsObject();

    public string? Header(string name) =>
        Properties["headers"] is JsonObject headers && headers[name] is { } value ? value.ToString() : null;
}

public sealed record QueueDepth(string Name, long Ready, long Unacknowledged, long Consumers);
