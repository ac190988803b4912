namespace Identity.Api.Model;

/// <summary>An entity a user starred: kept per user on the server, so stars follow the user across browsers.</summary>
public sealed class StarredEntity
{
    /// <summary>The user's ref (the token's <c>sub</c>).</summary>
    public required string UserRef { get; set; }

    /// <summary>The starred entity's lower-cased ref.</summary>
    public required string EntityRef { get; set; }

    public DateTimeOffset StarredAt { get; set; }
}
