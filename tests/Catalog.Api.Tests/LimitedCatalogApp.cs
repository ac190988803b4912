namespace Catalog.Api.Tests;

/// <summary>The catalog with small limits, so each can be met and passed with small files.</summary>
public sealed class LimitedCatalogApp() : CatalogApp(
    ("Catalog:Limits:MaxEntityBytes", "4096"),
    ("Catalog:Limits:MaxTags", "3"),
    ("Catalog:Limits:MaxDescriptionLength", "2000"),
    ("Catalog:Limits:MaxDocumentsPerLocation", "5"),
    ("Catalog:Locations:MaxFileBytes", "65536"));
