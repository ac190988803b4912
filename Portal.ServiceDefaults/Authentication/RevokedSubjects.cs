using System.Collections.Concurrent;

namespace Portal.ServiceDefaults.Authentication;

/// <summary>
/// The subjects whose tokens this service no longer accepts (catalog users that were removed), each with the time from
/// which its tokens count as new again. Filled by <see cref="RevokedSubjectsPoller"/>; read on every request, in memory.
/// </summary>
public sealed class RevokedSubjects
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedAt = new(StringComparer.Ordinal);

    /// <summary>Whether a token for <paramref name="subject"/> issued at <paramref name="issuedAt"/> predates its revocation.</summary>
    public bool IsRevoked(string subject, DateTimeOffset issuedAt) =>
        _revokedAt.TryGetValue(subject, out var revokedAt) && issuedAt <= revokedAt;

    /// <summary>Records a revocation; a later one of the same subject wins.</summary>
    public void Add(string subject, DateTimeOffset revokedAt) =>
        _revokedAt.AddOrUpdate(subject, revokedAt, (_, known) => known > revokedAt ? known : revokedAt);

    /// <summary>
    /// Forgets revocations older than <paramref name="before"/>: every token issued before them has expired by then.
    /// A re-registered user needs no removal here, since the tokens issued to it afterwards are newer than its revocation.
    /// </summary>
    public void ForgetBefore(DateTimeOffset before)
    {
        foreach (var (subject, revokedAt) in _revokedAt)
        {
            if (revokedAt < before)
            {
                _revokedAt.TryRemove(new KeyValuePair<string, DateTimeOffset>(subject, revokedAt));
            }
        }
    }

    public int Count => _revokedAt.Count;
}
