using Microsoft.JSInterop;

namespace Portal.Web.Services;

/// <summary>
/// The entities a person starred, kept per browser in localStorage (as Backstage keeps them per user), so the
/// server holds nothing. Read after the first interactive render: prerendering has no browser to ask.
/// </summary>
public sealed class StarredEntities(IJSRuntime js)
{
    private const string StorageKey = "portal.starredEntities";
    private HashSet<string>? _refs;

    public event Action? Changed;

    public async Task<IReadOnlySet<string>> GetAsync()
    {
        if (_refs is null)
        {
            var stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
            var list = string.IsNullOrEmpty(stored) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(stored) ?? [];
            _refs = new HashSet<string>(list, StringComparer.OrdinalIgnoreCase);
        }

        return _refs;
    }

    public async Task ToggleAsync(string entityRef)
    {
        var refs = (HashSet<string>)await GetAsync();
        if (!refs.Remove(entityRef))
        {
            refs.Add(entityRef.ToLowerInvariant());
        }

        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, System.Text.Json.JsonSerializer.Serialize(refs.Order()));
        Changed?.Invoke();
    }
}
