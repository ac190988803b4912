using System.Diagnostics;
using Npgsql;
using Portal.Testing;
using Xunit;

namespace Portal.Deploy.Tests;

/// <summary>
/// <c>--migrate-only</c>, as the migration Jobs run it: the catalog's build output against a fresh database on the
/// shared test PostgreSQL applies every migration and exits, without serving.
/// </summary>
public sealed class MigrateOnlyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_catalog_applies_every_migration_and_exits_and_a_second_run_finds_nothing_to_do()
    {
        var first = await RunCatalogAsync(database.ConnectionString);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.DoesNotContain("Now listening on", first.Output, StringComparison.Ordinal);
        Assert.Contains("catalogdb is migrated", first.Output, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(MigrationsInSource(), await CountAsync(connection, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
        Assert.Equal(3, await CountAsync(connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('entities', 'locations', 'outbox_messages')"));

        // The same switch as a setting (Database__MigrateOnly), on a database with nothing left to apply.
        var second = await RunCatalogAsync(database.ConnectionString, asSetting: true);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("catalogdb is migrated", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Applying", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_it_cannot_reach_ends_it_with_one_line_naming_the_setting()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 5 }.ConnectionString;
        var run = await RunCatalogAsync(unreachable);
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: the migrations of catalogdb failed", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__catalogdb", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <c>dotnet Catalog.Api.dll --migrate-only</c> (or with <c>Database__MigrateOnly=true</c>) with the settings the
    /// catalog requires; the broker and the provider they name are never called.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Stderr)> RunCatalogAsync(string connectionString, bool asSetting = false)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var catalog = Path.Combine(AppHostRun.RepositoryRoot, "src", "Catalog.Api", "bin", configuration, "net10.0", "Catalog.Api.dll");
        Assert.True(File.Exists(catalog), $"{catalog} is missing; build the test project with -c {configuration} first");

        var start = new ProcessStartInfo("dotnet", asSetting ? [catalog] : [catalog, "--migrate-only"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(catalog)!,
        };
        start.Environment["ConnectionStrings__catalogdb"] = connectionString;
        start.Environment["ConnectionStrings__messaging"] = "amqp://guest:guest@127.0.0.1:1/";
        start.Environment["Authentication__Authority"] = "http://127.0.0.1:1/";
        start.Environment["Authentication__ClientId"] = "catalog";
        start.Environment["Authentication__ClientSecret"] = "not-used-by-migrations";
        start.Environment["HTTP_PORTS"] = "0";
        if (asSetting)
        {
            start.Environment["Database__MigrateOnly"] = "true";
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"--migrate-only did not exit within {Limit}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr, await stderr);
    }

    private static long MigrationsInSource() =>
        Directory.EnumerateFiles(Path.Combine(AppHostRun.RepositoryRoot, "src", "Catalog.Api", "Infrastructure", "Migrations"), "2*.cs")
            .Count(file => !file.EndsWith(".Designer.cs", StringComparison.Ordinal));

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
