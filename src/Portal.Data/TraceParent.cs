using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Portal.Data;

/// <summary>
/// The W3C traceparent of the current operation as a query parameter, for rows that carry a trace across a database
/// hop (outbox rows, queued work): whoever picks the row up later continues that trace.
/// </summary>
public static class TraceParent
{
    public static NpgsqlParameter Parameter(string name) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)Activity.Current?.Id ?? DBNull.Value };
}
