namespace Portal.Web.Components.Pages.Catalog;

/// <summary>What the entity page loaded: the entity, or that it does not exist, or why it could not be read.</summary>
public sealed record EntityPageState(string Key, System.Text.Json.JsonElement? Entity, bool NotFound, string? Error);
