namespace Docs.Api.Model;

/// <summary>The states of a <see cref="DocsBuild"/> as stored.</summary>
public static class BuildStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";

    /// <summary>The source hash equalled the served build's: nothing was rebuilt.</summary>
    public const string Skipped = "skipped";
    public const string Failed = "failed";

    /// <summary>The entity was removed or lost its docs before the build ran.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The replica running it stopped renewing its lease; a new build was queued in its place.</summary>
    public const string Abandoned = "abandoned";
}
