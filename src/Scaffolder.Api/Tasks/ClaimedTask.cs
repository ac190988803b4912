using System.Text.Json.Nodes;

namespace Scaffolder.Api.Tasks;

/// <summary>A task a worker holds the lease of.</summary>
public sealed record ClaimedTask(Guid Id, string TemplateRef, JsonObject Spec, JsonObject Secrets, string? CreatedBy, JsonObject? Principal = null);
