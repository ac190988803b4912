using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portal.Catalog.Model;
using Scaffolder.Api.Infrastructure;
using Portal.Permissions;
using Scaffolder.Api.Model;
using Scaffolder.Api.Permissions;
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
        api.MapGet("/v2/tasks", ListTasksAsync).AddEndpointFilter(RequireTaskRead);
        api.MapGet("/v2/tasks/{id:guid}", GetTaskAsync).AddEndpointFilter(RequireTaskRead);
        api.MapPost("/v2/tasks/{id:guid}/cancel", CancelTaskAsync).RequireJsonRequest();
        api.MapGet("/v2/tasks/{id:guid}/events", GetEventsAsync).AddEndpointFilter(RequireTaskRead);
        api.MapGet("/v2/tasks/{id:guid}/eventstream", TaskEventStream.StreamAsync).AddEndpointFilter(RequireTaskRead);
        return api;
    }

    private static async Task<Results<Created<CreatedTask>, ValidationProblem, ProblemHttpResult>> CreateTaskAsync(
        CreateTaskRequest body, PortalUser caller, ScaffolderAccess access, IServiceProvider services, TemplateLoader loader, TaskStore store,
        CatalogClient catalog, CancellationToken cancellationToken)
    {
        if (access.Denial(caller, PortalPermissions.ScaffolderTaskCreate) is { } createDenied)
        {
            return await PermissionDenials.ForbidAsync(services, caller, createDenied, body.TemplateRef ?? "a task", cancellationToken);
        }

        var (template, notFound, invalid) = await loader.LoadAsync(body.TemplateRef, cancellationToken);
        if (template is not null && !access.MayReadTemplate(caller, template.Entity))
        {
            notFound = $"Template {template.EntityRef} does not exist in the catalog.";
            template = null;
        }

        if (template is null)
        {
            return notFound is not null ? Problems.NotFound(notFound) : Problems.BadRequest(invalid!);
        }

        // Every action the template uses, before anything runs: a denied one refuses the task (nothing is created).
        if (access.ActionDenial(caller, template) is { } actionDenied)
        {
            return await PermissionDenials.ForbidAsync(services, caller, actionDenied.Decision, actionDenied.ActionId, cancellationToken);
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
        Guid id, PortalUser caller, ScaffolderAccess access, IServiceProvider services, TaskStore store, CancellationToken cancellationToken)
    {
        if (access.Denial(caller, PortalPermissions.ScaffolderTaskCancel) is { } denied)
        {
            return await PermissionDenials.ForbidAsync(services, caller, denied, $"task {id}", cancellationToken);
        }

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

    /// <summary><c>scaffolder.task.read</c> for every read of tasks and their events.</summary>
    private static async ValueTask<object?> RequireTaskRead(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (PortalUser.From(http.User) is { } caller
            && http.RequestServices.GetRequiredService<ScaffolderAccess>().Denial(caller, PortalPermissions.ScaffolderTaskRead) is { } denied)
        {
            return PermissionDenials.Forbidden(caller, denied, http.Request.Path.Value ?? "tasks");
        }

        return await next(context);
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
