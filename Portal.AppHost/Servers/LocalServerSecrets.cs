using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Portal.LocalServers;

namespace Portal.AppHost.Servers;

/// <summary>
/// The logins of the local servers (PostgreSQL's superuser and one role per database, RabbitMQ's administrator and
/// the services' user), in <c>{AppHost:DataDirectory}/secrets/local-servers.json</c>: the folder 0700 and the file
/// 0600, so only the AppHost's user (and root) reads them. A password is generated the first time it is asked for
/// and kept; the servers are brought in line with the file at every start. Never logged: messages name the file.
/// </summary>
public sealed class LocalServerSecrets
{
    public const string PostgresSuperuser = "postgres";
    public const string RabbitMqManagement = "rabbitmq/management";
    public const string RabbitMqMessaging = "rabbitmq/messaging";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Dictionary<string, StoredLogin> _logins;

    private LocalServerSecrets(string path, Dictionary<string, StoredLogin> logins)
    {
        FilePath = path;
        _logins = logins;
    }

    public string FilePath { get; }

    /// <summary>Where the file lives for a data folder (also when it does not exist yet), for messages to operators.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "secrets", "local-servers.json");

    public static LocalServerSecrets Open(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            return new LocalServerSecrets(path, new Dictionary<string, StoredLogin>(StringComparer.Ordinal));
        }

        OwnerOnlyFiles.Restrict(path); // a copy made with a careless umask is locked again
        try
        {
            var logins = JsonSerializer.Deserialize<Dictionary<string, StoredLogin>>(File.ReadAllText(path), Json) ?? [];
            return new LocalServerSecrets(path, new Dictionary<string, StoredLogin>(logins, StringComparer.Ordinal));
        }
        catch (JsonException exception)
        {
            throw new LocalServerException($"{path} is not the AppHost's secrets file (JSON: {exception.Message}); move it away to generate new passwords", exception);
        }
    }

    /// <summary>The login stored under <paramref name="key"/>, generated (and saved) when there is none for <paramref name="userName"/>.</summary>
    public NetworkCredential Login(string key, string userName)
    {
        lock (_logins)
        {
            if (!_logins.TryGetValue(key, out var login) || login.User != userName || string.IsNullOrEmpty(login.Password))
            {
                // Hex: safe unquoted in a connection string, an amqp:// URI and rabbitmq.conf.
                login = new StoredLogin(userName, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
                _logins[key] = login;
                OwnerOnlyFiles.WriteAllText(FilePath, JsonSerializer.Serialize(_logins, Json) + "\n");
            }

            return new NetworkCredential(login.User, login.Password);
        }
    }

    /// <summary>The key of the login of a database's own role.</summary>
    public static string PostgresDatabase(string database) => "postgres/" + database;

    private sealed record StoredLogin(string User, string Password);
}
