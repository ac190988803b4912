namespace Portal.AppHost.Resources;

/// <summary>Every resource of this run, in start order.</summary>
public sealed class ResourceRegistry
{
    private readonly List<Resource> _resources = [];

    public Resource Add(string name, string type)
    {
        var resource = new Resource(name, type);
        lock (_resources)
        {
            _resources.Add(resource);
        }

        return resource;
    }

    public IReadOnlyList<Resource> All
    {
        get
        {
            lock (_resources)
            {
                return _resources.ToList();
            }
        }
    }

    public Resource? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
