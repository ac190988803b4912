using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Scaffolder.Api.Model;
using Scaffolder.Api.Sources;
using Scaffolder.Api.Tasks;
using Scaffolder.Api.Templates;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;

namespace Scaffolder.Api.Apis;

/// <summary>
/// Backstage's <c>POST /v2/dry-run</c>: runs a template sent in the request, with its files in
/// <c>directoryContents</c>, in a throw-away workspace. Actions with effects outside the workspace only say what they
/// would do; actions Portal does not have are skipped with a log line. Returns the log, the files and the output.
/// </summary>
public static class DryRunApi
{
    public static RouteGroupBuilder MapDryRunApi(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/dry-run", DryRunAsync);
        return api;
    }

    private static async Task<Results<Ok<DryRunResult>, ValidationProblem, ProblemHttpResult>> DryRunAsync(
        DryRunRequest body, PortalUser caller, TaskRunner runner, IOptionsMonitor<TaskOptions> options, CancellationToken cancellationToken)
    {
        if (body.Template is null)
        {
            return Problems.BadRequest("'template' (the Template entity) is required");
        }

        var entity = (JsonObject)body.Template.DeepClone();
        if (entity["metadata"] is JsonObject metadata && metadata["name"] is null)
        {
            metadata["name"] = "dry-run";
        }

        TemplateDefinition template;
        try
        {
            template = TemplateDefinition.Parse(entity);
        }
        catch (TemplateDefinitionException exception)
        {
            return Problems.BadRequest($"template: {exception.Message}");
        }

        var values = body.Values ?? [];
        var problems = await ParameterValidator.ValidateAsync(template.ParameterPages, values, cancellationToken);
        if (problems.Count > 0)
        {
            return Problems.InvalidValues(problems, "The values do not match the template's parameters.");
        }

        var files = new List<SourceFile>();
        foreach (var file in body.DirectoryContents ?? [])
        {
            try
            {
                files.Add(new SourceFile(file.Path, Convert.FromBase64String(file.Base64Content ?? ""), file.Executable));
            }
            catch (FormatException)
            {
                return Problems.BadRequest($"directoryContents: '{file.Path}' has no valid base64Content");
            }
        }

        var user = caller.UserEntityRef;
        var id = Guid.NewGuid();
        var run = new TaskRun(id, template, values, body.Secrets ?? [], user, null, TemplateSources.InMemory(files), IsDryRun: true, caller);
        var sink = new ListLogSink();
        using var workspace = new Workspace(Path.Combine(options.CurrentValue.WorkDirectory, "dry-run-" + id.ToString("N")));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.TaskTimeout);
        var result = await runner.RunAsync(run, sink, workspace, timeout.Token);
        if (result.Status != TaskStatuses.Completed)
        {
            sink.Lines.Add(new JsonObject { ["message"] = $"Run completed with status: {result.Status}: {result.Error}", ["status"] = result.Status });
        }

        var contents = new List<DryRunFile>();
        foreach (var path in workspace.ListFiles())
        {
            var full = workspace.Resolve(path);
            contents.Add(new DryRunFile(path, Convert.ToBase64String(await File.ReadAllBytesAsync(full, cancellationToken)),
                FileModes.IsExecutable(full)));
        }

        return TypedResults.Ok(new DryRunResult(sink.Lines.Select(l => new DryRunLogLine(l)).ToList(), contents, result.Output, result.Steps));
    }
}
