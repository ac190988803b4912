namespace Portal.AppHost.Resources;

/// <summary>The last <see cref="Capacity"/> lines of a resource's console output, safe to write and read from any thread.</summary>
public sealed class LogBuffer(int capacity = 500)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public int Capacity { get; } = capacity;

    public void Append(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_gate)
        {
            return _lines.Skip(Math.Max(0, _lines.Count - count)).ToList();
        }
    }
}
