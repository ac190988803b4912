namespace Portal.AppHost.Resources;

/// <summary>Every resource of this run, in start order: the servers first, then the services.</summary>
public sealed class ResourceRegistry
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";

    private readonly List<Resource> _resources;

    public ResourceRegistry(IEnumerable<Resource> resources)
    {
        _resources = [.. resources];
    }

    public IReadOnlyList<Resource> All => _resources;

    public Resource this[string name] =>
        Find(name) ?? throw new KeyNotFoundException($"no resource named {name}");

    public Resource? Find(string name) =>
        _resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
