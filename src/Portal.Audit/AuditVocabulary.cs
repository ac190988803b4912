namespace Portal.Audit;

/// <summary>The values of <c>AuditRecorded.Outcome</c>.</summary>
public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Denied = "denied";
    public const string Failed = "failed";
}

/// <summary>The values of <c>AuditRecorded.ActorKind</c>, and the actor of what nobody signed in did.</summary>
public static class AuditActors
{
    public const string User = "user";
    public const string Service = "service";

    /// <summary>The actor of a failed sign-in: nobody was signed in (the username tried is the target).</summary>
    public const string Anonymous = "anonymous";
}

/// <summary>Actions that are not a permission's name.</summary>
public static class AuditActions
{
    public const string SignIn = "identity.sign-in";
}

/// <summary>Targets that are not an entity, a location or a task.</summary>
public static class AuditTargets
{
    public const string SearchIndex = "search-index";

    /// <summary>Every location (a refresh of all of them).</summary>
    public const string AllLocations = "*";

    /// <summary>A location as Backstage writes its ref: <c>url:https://…</c>.</summary>
    public static string Location(string type, string target) => $"{type}:{target}";
}
