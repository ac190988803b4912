namespace Scorecards.Api.Model;

/// <summary>The scaffolder template an entity was created from, as the scaffolder's <c>TemplateTaskCompleted</c> said.</summary>
public sealed class EntityOrigin
{
    /// <summary>The registered entity, lower-cased.</summary>
    public required string EntityRef { get; set; }

    /// <summary>The template, lower-cased (<c>template:default/service</c>).</summary>
    public required string TemplateRef { get; set; }

    public Guid TaskId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
