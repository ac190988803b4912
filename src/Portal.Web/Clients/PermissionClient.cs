namespace Portal.Web.Clients;

/// <summary>
/// The decision API (<c>POST /api/permission/authorize</c>, hosted by the catalog): one batched question per page for
/// what the signed-in person may do, so the page hides what they may not. The services still decide every request;
/// this only spares people buttons that would be refused.
/// </summary>
public sealed class PermissionClient(HttpClient http)
{
    private const string Service = "catalog";
    private const int MaxItemsPerCall = 100;

    /// <summary>The answers by question id; a question left out (the API failed) counts as not allowed.</summary>
    public async Task<IReadOnlyDictionary<string, PermissionAnswer>> AuthorizeAsync(
        IReadOnlyList<PermissionQuestion> questions, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, PermissionAnswer>(StringComparer.Ordinal);
        foreach (var batch in questions.Chunk(MaxItemsPerCall))
        {
            var body = new
            {
                items = batch.Select(q => new { id = q.Id, permission = new { name = q.Permission }, resourceRef = q.ResourceRef }).ToArray(),
            };
            var result = await ApiCall.PostJsonAsync(http, Service, "/api/permission/authorize", body, cancellationToken);
            foreach (var item in result.Ok ? Json.Items(result.Value, "items") : [])
            {
                if (Json.Text(item, "id") is { } id)
                {
                    answers[id] = new PermissionAnswer(Json.Text(item, "result") ?? "DENY", Json.Text(item, "rule"));
                }
            }
        }

        return answers;
    }
}

/// <param name="Id">Unique within one call.</param>
/// <param name="Permission">A permission name, e.g. <c>catalog.entity.delete</c>.</param>
/// <param name="ResourceRef">An entity ref, a location id or an action id; null for a permission about nothing in particular.</param>
public sealed record PermissionQuestion(string Id, string Permission, string? ResourceRef = null);

public sealed record PermissionAnswer(string Result, string? Rule)
{
    public bool Allowed => Result == "ALLOW";
}
