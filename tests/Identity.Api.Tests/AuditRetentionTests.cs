using Npgsql;
using Portal.Testing;
using Xunit;
using static Portal.Testing.AuditLogReader;

namespace Identity.Api.Tests;

/// <summary><c>Audit:RetentionDays</c> (365 by default): older entries are deleted by the pruner and never stored again.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AuditRetentionTests(IdentityApp app)
{
    private TestIdentityProvider Provider => app.Provider;

    [Fact]
    public async Task Entries_older_than_the_retention_are_pruned_and_younger_ones_stay()
    {
        var actor = $"user:default/{CatalogEvents.UniqueName("retention")}";
        var expired = AuditEntries.Entry(actor, "expired", DateTimeOffset.UtcNow.AddDays(-366));
        var kept = AuditEntries.Entry(actor, "kept", DateTimeOffset.UtcNow.AddDays(-364));
        // Written as a replica would have stored them a year ago (the consumer refuses expired entries).
        await InsertAsync(expired);
        await InsertAsync(kept);

        await Eventually.GetAsync(() => CountAsync(expired.AuditId), count => count == 0, TimeSpan.FromSeconds(30), "the expired entry to be pruned");

        Assert.Equal(1, await CountAsync(kept.AuditId));
        var served = Assert.Single(await Provider.AuditEntriesAsync($"actor={Q(actor)}"));
        Assert.Equal(kept.AuditId, served.GetProperty("auditId").GetGuid());
    }

    [Fact]
    public async Task A_redelivered_entry_older_than_the_retention_is_not_stored_again()
    {
        var actor = $"user:default/{CatalogEvents.UniqueName("late")}";
        var expired = AuditEntries.Entry(actor, "expired", DateTimeOffset.UtcNow.AddDays(-400));
        var marker = AuditEntries.Entry(actor, "marker", DateTimeOffset.UtcNow);

        await app.PublishAsync(expired, marker);

        var served = Assert.Single(await Provider.AuditEntriesAsync($"actor={Q(actor)}"));
        Assert.Equal(marker.AuditId, served.GetProperty("auditId").GetGuid());
        Assert.Equal(0, await CountAsync(expired.AuditId));
    }

    private async Task InsertAsync(Portal.Contracts.Audit.V1.AuditRecorded entry)
    {
        await using var connection = new NpgsqlConnection(Provider.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO audit_events (audit_id, actor, actor_kind, action, target, outcome, service, occurred_at) " +
            "VALUES (@id, @actor, 'user', @action, @target, 'succeeded', 'catalog', @at)", connection);
        command.Parameters.AddWithValue("id", entry.AuditId);
        command.Parameters.AddWithValue("actor", entry.Actor);
        command.Parameters.AddWithValue("action", entry.Action);
        command.Parameters.AddWithValue("target", entry.Target);
        command.Parameters.AddWithValue("at", entry.OccurredAt);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(Guid auditId)
    {
        await using var connection = new NpgsqlConnection(Provider.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_events WHERE audit_id = @id", connection);
        command.Parameters.AddWithValue("id", auditId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
