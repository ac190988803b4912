using Portal.Web.Clients;
using Portal.Web.Model;

namespace Portal.Web.Services;

/// <summary>
/// The entities the signed-in person starred, kept per user by the identity service (as Backstage keeps them per
/// user), so they follow the person to any browser. Loaded once per circuit; a toggle goes to the server at once.
/// </summary>
public sealed class StarredEntities(IdentityClient identity)
{
    private HashSet<string>? _refs;

    /// <summary>The last failure to read or change the stars, for the page to show; null when all went well.</summary>
    public string? Error { get; private set; }

    public async Task<IReadOnlySet<string>> GetAsync()
    {
        if (_refs is null)
        {
            var stored = await identity.StarredEntitiesAsync(CancellationToken.None);
            Error = stored.Error;
            if (!stored.Ok)
            {
                return new HashSet<string>();
            }

            _refs = new HashSet<string>(stored.Value!.Select(r => r.ToLowerInvariant()), StringComparer.OrdinalIgnoreCase);
        }

        return _refs;
    }

    public async Task ToggleAsync(string entityRef)
    {
        if (EntityRef.TryParse(entityRef) is not { } entity)
        {
            return;
        }

        var refs = (HashSet<string>)await GetAsync();
        var starring = !refs.Contains(entity.Key);
        var result = starring ? await identity.StarAsync(entity, CancellationToken.None) : await identity.UnstarAsync(entity, CancellationToken.None);
        Error = result.Error;
        if (result.Ok)
        {
            if (starring)
            {
                refs.Add(entity.Key);
            }
            else
            {
                refs.Remove(entity.Key);
            }
        }
    }
}
