using System.Text.Json;
using System.Text.Json.Nodes;
using Catalog.Api.Infrastructure;
using Catalog.Api.Model;
using Catalog.Api.Processing;
using Catalog.Api.Reading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Catalog.Model;
using Portal.ServiceDefaults;

namespace Catalog.Api.Apis;

/// <summary>Backstage's <c>POST /validate-entity</c> and <c>POST /analyze-location</c>.</summary>
public static class ValidationApi
{
    public static IEndpointRouteBuilder MapValidationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("Validation");
        api.MapPost("/validate-entity", ValidateEntity);
        api.MapPost("/analyze-location", AnalyzeLocationAsync);
        return app;
    }

    public sealed record ValidateEntityRequest(JsonObject? Entity, string? Location);

    public sealed record AnalyzeLocationRequest(LocationsApi.LocationSpec? Location);

    public sealed record ExistingEntityFile(LocationsApi.LocationSpec Location, bool IsRegistered, JsonElement Entity);

    public sealed record AnalyzeLocationResponse(IReadOnlyList<ExistingEntityFile> ExistingEntityFiles, IReadOnlyList<JsonElement> GenerateEntities);

    private static Results<Ok, ProblemHttpResult> ValidateEntity(ValidateEntityRequest body, IOptionsMonitor<CatalogLimitsOptions> limits)
    {
        if (body.Entity is null)
        {
            return Problems.BadRequest("The body needs an 'entity' object.");
        }

        var problems = EntityValidator.Validate(body.Entity, limits: limits.CurrentValue);
        if (problems.Count == 0)
        {
            return TypedResults.Ok();
        }

        return TypedResults.Problem(
            detail: string.Join("; ", problems.Select(p => p.ToString())),
            statusCode: StatusCodes.Status400BadRequest,
            title: "ValidationError",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new { name = "ValidationError", path = p.Path, message = p.Message }).ToList(),
            });
    }

    private static async Task<Results<Ok<AnalyzeLocationResponse>, ProblemHttpResult>> AnalyzeLocationAsync(
        AnalyzeLocationRequest body, LocationReader reader, LocationProcessor processor, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var spec = body.Location;
        if (spec?.Target is null)
        {
            return Problems.BadRequest("The body needs 'location': {type, target}.");
        }

        var type = spec.Type ?? (spec.Target.StartsWith("http", StringComparison.Ordinal) ? "url" : "file");
        LocationTarget root;
        try
        {
            root = reader.ResolveRoot(type, spec.Target);
        }
        catch (LocationReadException exception)
        {
            return Problems.BadRequest(exception.Message, exception.ErrorKind);
        }

        var result = await processor.ProcessAsync(new CatalogLocation { Type = root.Type, Target = root.Target }, cancellationToken);
        if (result.RootUnreadable)
        {
            return Problems.BadRequest(string.Join("; ", result.Errors.Select(e => e.Message)), "NotFoundError");
        }

        var refs = result.Entities.Select(e => e.Ref.Key).ToList();
        var registered = await db.Entities.Where(e => refs.Contains(e.EntityRef)).Select(e => e.EntityRef).ToListAsync(cancellationToken);
        var files = result.Entities
            .Where(e => e.ParentRef is not null)
            .Select(e => (e.Ref, Entity: JsonElement.Parse(e.Json)))
            .Select(e => new ExistingEntityFile(
                new LocationsApi.LocationSpec(root.Type, ManagedBy(e.Entity)),
                registered.Contains(e.Ref.Key),
                e.Entity))
            .ToList();
        return TypedResults.Ok(new AnalyzeLocationResponse(files, []));
    }

    private static string? ManagedBy(JsonElement entity)
    {
        var value = entity.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("annotations", out var annotations)
            && annotations.TryGetProperty(KnownAnnotations.ManagedByLocation, out var managedBy)
            ? managedBy.GetString()
            : null;
        return value is null ? null : value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
    }
}
