using System.Collections.Concurrent;

namespace Catalog.Api.Permissions;

/// <summary>
/// Which relation targets exist outside a scope, remembered per replica for one catalog version (which every write
/// bumps): readers of the same scope ask about the same owners, systems and APIs page after page, so after the first
/// answer a page's lookup costs no round trip (the page's own query reads the version beside its rows). A newer
/// version starts an empty cache; an answer computed for an older version than the one cached is used once and not kept.
/// </summary>
public sealed class HiddenTargetCache
{
    private const int MaxEntries = 200_000;
    private readonly Lock _gate = new();
    private long _version = -1;
    private ConcurrentDictionary<(string Scope, string Target), bool> _hidden = new();

    /// <summary>The answers known for <paramref name="version"/> (a private, empty one when that version is no longer current).</summary>
    public ConcurrentDictionary<(string Scope, string Target), bool> For(long version)
    {
        lock (_gate)
        {
            if (version > _version || (version == _version && _hidden.Count >= MaxEntries))
            {
                _version = version;
                _hidden = new();
            }

            return version == _version ? _hidden : new();
        }
    }
}
