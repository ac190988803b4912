namespace Portal.LocalServers;

/// <summary>The pg_hba.conf of a cluster whose every connection needs a password.</summary>
public static class HostBasedAuthentication
{
    /// <summary>
    /// <c>scram-sha-256</c> for every user and database, over the Unix socket and over loopback TCP, replication
    /// included: no <c>trust</c> and no <c>peer</c> line, so no local process gets in by being on the machine.
    /// </summary>
    public const string PasswordOnly = """
        # Written by Portal's AppHost at every start: every connection gives a password (scram-sha-256).
        # TYPE  DATABASE        USER            ADDRESS                 METHOD
        local   all             all                                     scram-sha-256
        host    all             all             127.0.0.1/32            scram-sha-256
        host    all             all             ::1/128                 scram-sha-256
        local   replication     all                                     scram-sha-256
        host    replication     all             127.0.0.1/32            scram-sha-256
        host    replication     all             ::1/128                 scram-sha-256

        """;
}
