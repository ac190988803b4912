using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Catalog.Model;
using Scaffolder.Api.Infrastructure;
using Scaffolder.Api.Model;
using Scaffolder.Api.Templates;
using Scaffolder.Api.Tasks;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;
using Portal.ServiceDefaults.BadRequests;

namespace Scaffolder.Api.Apis;

/// <summary>Backstage's task endpoints: create (validated against every parameter page), list, read, cancel, events.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        api.MapPost("/v2/tasks", CreateTaskAsync);
        api.MapGet("/v2/tasks", ListTasksAsync);
        api.MapGet("/v2/tasks/{id:guid}", GetTaskAsync);
        api.MapPost("/v2/tasks/{id:guid}/cancel", CancelTaskAsync).RequireJsonRequest();
        api.MapGet("/v2/tasks/{id:guid}/events", GetEventsAsync);
        api.MapGet("/v2/tasks/{id:guid}/eventstream", TaskEventStream.StreamAsync);
        return api;
    }

    private static async Task<Results<Created<CreatedTask>, ValidationProblem, ProblemHttpResult>> CreateTaskAsync(
        CreateTaskRequest body, PortalUser caller, TemplateLoader loader, TaskStore store, CatalogClient catalog, CancellationToken cancellationToken)
    {
        var (template, notFound, invalid) = await loader.LoadAsync(body.TemplateRef, cancellationToken);
        if (template is null)
        {
            return notFound is not null ? Problems.NotFound(notFound) : Problems.BadRequest(invalid!);
        }

        var values = body.Values ?? [];
        var problems = await ParameterValidator.ValidateAsync(template.ParameterPages, values, cancellationToken);
        if (problems.Count > 0)
        {
            return Problems.InvalidValues(problems, "The values do not match the template's parameters.");
        }

        // As in Backstage, a task records the signed-in user who created it; a service's task has no creator.
        var user = caller.UserEntityRef;
        var userEntity = user is not null && EntityRef.TryParse(user, "user", EntityRef.DefaultNamespace, out var userRef, out _)
            ? await catalog.GetEntityAsync(userRef, cancellationToken)
            : null;

        var spec = new JsonObject
        {
            ["apiVersion"] = TemplateDefinition.ApiVersion,
            ["templateRef"] = template.EntityRef,
            ["template"] = template.Entity.DeepClone(),
            ["parameters"] = values.DeepClone(),
            ["user"] = new JsonObject { ["ref"] = user, ["entity"] = userEntity },
        };
        var id = await store.CreateAsync(template.EntityRef, spec, body.Secrets, user, caller, cancellationToken);
        return TypedResults.Created($"/api/scaffolder/v2/tasks/{id}", new CreatedTask(id));
    }

    private static async Task<Ok<TaskList>> ListTasksAsync(
        string? createdBy, string? status, int? limit, int? offset, ScaffolderDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Tasks.AsNoTracking();
        if (!string.IsNullOrEmpty(createdBy))
        {
            var key = EntityRef.TryParse(createdBy, "user", EntityRef.DefaultNamespace, out var parsed, out _) ? parsed.Key : createdBy;
            query = query.Where(t => t.CreatedBy == key);
        }

        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(t => t.Status == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var tasks = await query.OrderByDescending(t => t.CreatedAt)
            .Skip(Math.Max(0, offset ?? 0)).Take(Math.Clamp(limit ?? 100, 1, 1000))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TaskList(tasks.Select(TaskView.From).ToList(), total));
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> GetTaskAsync(Guid id, ScaffolderDbContext db, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return task is null ? Problems.NotFound($"Task {id} does not exist.") : TypedResults.Ok(TaskView.From(task));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> CancelTaskAsync(
        Guid id, PortalUser caller, TaskStore store, CancellationToken cancellationToken)
    {
        return await store.CancelAsync(id, caller, cancellationToken) switch
        {
            null => Problems.NotFound($"Task {id} does not exist."),
            false => Problems.Conflict($"Task {id} has already ended."),
            true => TypedResults.Ok(new JsonObject { ["status"] = "cancelling" }),
        };
    }

    private static async Task<Results<Ok<List<TaskEventView>>, ProblemHttpResult>> GetEventsAsync(
        Guid id, long? after, ScaffolderDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Tasks.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return Problems.NotFound($"Task {id} does not exist.");
        }

        return TypedResults.Ok(await ReadEventsAsync(db, id, after ?? 0, cancellationToken));
    }

    internal static async Task<List<TaskEventView>> ReadEventsAsync(ScaffolderDbContext db, Guid id, long after, CancellationToken cancellationToken)
    {
        var events = await db.TaskEvents.AsNoTracking()
            .Where(e => e.TaskId == id && e.Id > after)
            .OrderBy(e => e.Id)
            .Take(1000)
            .ToListAsync(cancellationToken);
        return events.Select(TaskEventView.From).ToList();
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
