using System.Text.Json.Nodes;
using Portal.ServiceDefaults.Authentication;
using Scaffolder.Api.Sources;
using Scaffolder.Api.Templates;

namespace Scaffolder.Api.Tasks;

/// <summary>Everything one execution of a template needs.</summary>
public sealed record TaskRun(
    Guid TaskId,
    TemplateDefinition Template,
    JsonObject Values,
    JsonObject Secrets,
    string? User,
    JsonObject? UserEntity,
    ITemplateSource Source,
    bool IsDryRun,
    PortalUser? Principal = null);

/// <summary>How a run ended: its final status, the rendered template output, the failing step and reason.</summary>
public sealed record TaskResult(
    string Status, JsonObject Output, string? FailedStep, string? Error, IReadOnlyList<JsonObject> Steps, string? RegisteredEntityRef = null);

/// <summary>Where a run's log lines go: the database for tasks, a list for dry runs.</summary>
public interface ITaskLogSink
{
    Task WriteAsync(JsonObject body, CancellationToken cancellationToken);
}
