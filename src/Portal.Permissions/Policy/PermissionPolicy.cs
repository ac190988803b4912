using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.ServiceDefaults.Authentication;

namespace Portal.Permissions.Policy;

/// <summary>
/// The policy in force: the file named by <c>Permissions:PolicyFile</c>, or the built-in default. Constructing it reads
/// the policy (a policy with errors throws <see cref="PolicyFileException"/>, so the service does not start);
/// <see cref="ReloadIfChanged"/> swaps in a changed file, and keeps the previous policy when the new one has errors.
/// </summary>
public sealed class PermissionPolicy : IPermissionPolicy
{
    public const string DefaultPolicySource = "the built-in default policy (default-policy.yaml)";

    private readonly PermissionsOptions _options;
    private readonly ILogger<PermissionPolicy> _logger;
    private readonly Lock _reload = new();
    private volatile PolicyEvaluator _current;
    private (DateTime WriteTime, long Length) _stamp;
    private string _hash = "";

    public PermissionPolicy(IOptions<PermissionsOptions> options, ILogger<PermissionPolicy> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_options.PolicyFile))
        {
            _current = new PolicyEvaluator(PolicyReader.Read(DefaultPolicyText(), DefaultPolicySource, _options.AdminGroup));
            return;
        }

        var path = Path.GetFullPath(_options.PolicyFile);
        if (!File.Exists(path))
        {
            throw new PolicyFileException(path, [new PolicyError(0, 0, "the file does not exist (setting Permissions:PolicyFile)")]);
        }

        _stamp = Stamp(path);
        var text = File.ReadAllText(path);
        _current = new PolicyEvaluator(PolicyReader.Read(text, path, _options.AdminGroup));
        _hash = Hash(text);
        _logger.LogInformation("Permission policy {PolicyFile} loaded: {RuleCount} rules", path, _current.Document.Rules.Count);
    }

    /// <summary>The policy file's full path, or null when the built-in default applies.</summary>
    public string? PolicyFile => string.IsNullOrWhiteSpace(_options.PolicyFile) ? null : Path.GetFullPath(_options.PolicyFile);

    public PolicyEvaluator Current => _current;

    public PolicyDecision Decide(PortalUser user, PortalPermission permission, string? actionId = null) => _current.Decide(user, permission, actionId);

    /// <summary>Reads the file again when its last-write time, size or content changed; true when a new policy is in force.</summary>
    public bool ReloadIfChanged()
    {
        if (PolicyFile is not { } path)
        {
            return false;
        }

        lock (_reload)
        {
            string text;
            try
            {
                var stamp = Stamp(path);
                if (stamp == _stamp)
                {
                    return false;
                }

                text = File.ReadAllText(path);
                _stamp = stamp;
            }
            catch (IOException exception)
            {
                _logger.LogError("The permission policy {PolicyFile} could not be read ({Reason}); the previous policy stays in force", path, exception.Message);
                return false;
            }

            var hash = Hash(text);
            if (hash == _hash)
            {
                return false;
            }

            _hash = hash;
            try
            {
                _current = new PolicyEvaluator(PolicyReader.Read(text, path, _options.AdminGroup));
            }
            catch (PolicyFileException exception)
            {
                _logger.LogError("The permission policy {PolicyFile} was refused, the previous policy stays in force: {PolicyErrors}",
                    path, string.Join("; ", exception.Errors));
                return false;
            }

            _logger.LogInformation("Permission policy {PolicyFile} reloaded: {RuleCount} rules", path, _current.Document.Rules.Count);
            return true;
        }
    }

    /// <summary>The shipped default policy, the same text as <c>src/Portal.Permissions/default-policy.yaml</c>.</summary>
    public static string DefaultPolicyText()
    {
        using var stream = typeof(PermissionPolicy).Assembly.GetManifestResourceStream("Portal.Permissions.default-policy.yaml")
                           ?? throw new InvalidOperationException("default-policy.yaml is not embedded in Portal.Permissions");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
