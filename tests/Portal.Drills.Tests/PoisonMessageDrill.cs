using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Portal.LocalServers;
using Portal.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Portal.Drills.Tests;

/// <summary>
/// A poison message: a body that is not JSON at all, put straight into search's queue of <c>EntityRegistered</c>.
/// It lands in that queue's <c>_error</c> queue with MassTransit's fault headers, and registrations made after it
/// still reach search.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class PoisonMessageDrill(PortalRun portal, ITestOutputHelper output)
{
    private const int After = 5;
    private const string Term = "poisondrill";
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_body_that_cannot_be_deserialized_lands_in_the_error_queue_and_later_events_are_consumed()
    {
        var broker = new BrokerMessages(portal.BrokerManagement);
        var queue = (await broker.QueuesAsync()).Select(q => q.Name)
            .Single(name => name.StartsWith("search", StringComparison.Ordinal) && name.EndsWith("entity-registered", StringComparison.Ordinal));
        var poisonId = Guid.NewGuid().ToString();
        var properties = new JsonObject
        {
            ["message_id"] = poisonId,
            ["content_type"] = "application/vnd.masstransit+json",
            ["delivery_mode"] = 2,
        };
        await broker.PublishAsync("amq.default", queue, properties, """{"messageId": "not json at all""");
        var sincePoison = Stopwatch.StartNew();

        await RegisterAsync();
        await Eventually.GetAsync(() => portal.SearchCountAsync(Term, 1), count => count == After, Wait,
            $"the {After} entities registered after the poison message in search", count => $"{count} found");
        var flowed = sincePoison.Elapsed;

        var errorQueue = queue + "_error";
        var faulted = await Eventually.GetAsync(() => ErrorMessagesAsync(broker, errorQueue),
            messages => messages.Any(m => m.Properties["message_id"]?.GetValue<string>() == poisonId), Wait,
            $"the poison message in {errorQueue}", messages => $"{messages.Count} message(s) there");
        var inErrorQueue = sincePoison.Elapsed;
        var poison = faulted.Single(m => m.Properties["message_id"]?.GetValue<string>() == poisonId);
        var headers = poison.Properties["headers"]?.AsObject().Select(h => h.Key).Where(h => h.StartsWith("MT-", StringComparison.Ordinal)).ToList() ?? [];
        output.WriteLine($"{errorQueue}: {faulted.Count} message(s); the poison's headers: {string.Join(", ", headers)}");

        DrillFigures.Report(output, "poison-message", new Dictionary<string, object>
        {
            ["queue"] = queue,
            ["errorQueueMessages"] = faulted.Count,
            ["faultReason"] = poison.Header("MT-Reason") ?? "",
            ["faultExceptionType"] = poison.Header("MT-Fault-ExceptionType") ?? "",
            ["faultMessage"] = poison.Header("MT-Fault-Message") ?? "",
            ["laterEventsConsumedSeconds"] = Math.Round(flowed.TotalSeconds, 1),
            ["inErrorQueueSeconds"] = Math.Round(inErrorQueue.TotalSeconds, 1),
        });
        Assert.Equal("fault", poison.Header("MT-Reason"));
        Assert.Contains("Json", poison.Header("MT-Fault-ExceptionType") ?? "", StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(poison.Header("MT-Fault-Message")));
        Assert.Equal("""{"messageId": "not json at all""", poison.Payload);
    }

    /// <summary>The error queue's messages, left in it; none while MassTransit has not created it yet.</summary>
    private static async Task<IReadOnlyList<BrokerMessage>> ErrorMessagesAsync(BrokerMessages broker, string errorQueue)
    {
        try
        {
            return await broker.GetAsync(errorQueue, 100, keep: true);
        }
        catch (LocalServerException exception) when (exception.Message.Contains("404", StringComparison.Ordinal))
        {
            return [];
        }
    }

    private async Task RegisterAsync()
    {
        var file = Path.Combine(portal.Repositories, "poison", "catalog-info.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var yaml = new StringBuilder();
        for (var index = 0; index < After; index++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: after-poison-{index}
                  description: {PortalRun.GroupTerm(Term, 0)} registered after a poison message
                spec:
                  type: service
                  lifecycle: experimental
                  owner: team-drills

                """);
        }

        await File.WriteAllTextAsync(file, yaml.ToString());
        using var response = await portal.Http.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = file });
        Assert.True(response.IsSuccessStatusCode, $"registration: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
