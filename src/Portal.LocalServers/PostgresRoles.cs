using Npgsql;

namespace Portal.LocalServers;

/// <summary>One login role per database, owning it and everything in it, and the only one (besides superusers) let in.</summary>
public static class PostgresRoles
{
    /// <summary>
    /// Makes <paramref name="role"/> a login with <paramref name="password"/> (its SCRAM verifier is sent, never the
    /// password) and the owner of database <paramref name="database"/>, created when missing. PUBLIC loses CONNECT and
    /// TEMPORARY on it, so other services' roles cannot connect. A database that was created by the superuser before
    /// (an older data folder) is handed over with its tables, views and sequences, so the service's migrations can
    /// alter them. Safe to repeat at every start; <paramref name="adminConnectionString"/> is a superuser's.
    /// </summary>
    public static async Task EnsureOwnerAsync(string adminConnectionString, string database, string role, string password, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        var quotedRole = PostgresDatabases.QuoteIdentifier(role);
        var quotedDatabase = PostgresDatabases.QuoteIdentifier(database);
        var verifier = ScramSha256.Verifier(password);
        await using (var server = await OpenAsync(adminConnectionString, "postgres", cancellationToken))
        {
            await ExecuteAsync(server, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role.Replace("'", "''", StringComparison.Ordinal)}') THEN
                    CREATE ROLE {quotedRole} LOGIN;
                  END IF;
                END $$;
                ALTER ROLE {quotedRole} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '{verifier}';
                """, cancellationToken);
            await PostgresDatabases.EnsureAsync(adminConnectionString, database, cancellationToken);
            await ExecuteAsync(server, $"""
                ALTER DATABASE {quotedDatabase} OWNER TO {quotedRole};
                REVOKE ALL ON DATABASE {quotedDatabase} FROM PUBLIC;
                GRANT ALL ON DATABASE {quotedDatabase} TO {quotedRole};
                """, cancellationToken);
        }

        await using var inside = await OpenAsync(adminConnectionString, database, cancellationToken);
        await ExecuteAsync(inside, HandOverStatement(role), cancellationToken);
    }

    /// <summary>
    /// Takes CONNECT away from PUBLIC on a database no service owns (<c>postgres</c>, <c>template1</c>), so a service's
    /// role reaches its own database only. Superusers keep every database.
    /// </summary>
    public static async Task RevokePublicConnectAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var server = await OpenAsync(adminConnectionString, "postgres", cancellationToken);
        await ExecuteAsync(server, $"REVOKE CONNECT, TEMPORARY ON DATABASE {PostgresDatabases.QuoteIdentifier(database)} FROM PUBLIC", cancellationToken);
    }

    /// <summary>
    /// Gives the role every schema, table, view and sequence in the database that the superuser owns. Sequences that
    /// belong to a column follow their table (ALTER on them alone is refused).
    /// </summary>
    private static string HandOverStatement(string role) => $$"""
        DO $$
        DECLARE
          item record;
          target name := '{{role.Replace("'", "''", StringComparison.Ordinal)}}';
        BEGIN
          FOR item IN
            SELECT n.nspname FROM pg_namespace n
            WHERE n.nspowner = 10 AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
          LOOP
            EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.nspname, target);
          END LOOP;
          FOR item IN
            SELECT c.oid::regclass AS relation, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relowner = 10 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
              AND (c.relkind <> 'S' OR NOT EXISTS (
                SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
          LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I',
              CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
              item.relation, target);
          END LOOP;
        END $$;
        """;

    private static async Task<NpgsqlConnection> OpenAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        // One-off administration: no pooled connection is left open behind it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Role and database names are quoted identifiers; DDL takes no parameters.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
