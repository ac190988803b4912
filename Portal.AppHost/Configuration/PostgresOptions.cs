namespace Portal.AppHost.Configuration;

/// <summary>The <c>AppHost:Postgres</c> section: the local PostgreSQL (unused when <c>ConnectionStrings:postgres</c> is set).</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "AppHost:Postgres";

    public int Port { get; set; } = 15432;
}
