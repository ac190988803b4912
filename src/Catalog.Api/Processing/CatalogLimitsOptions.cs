using Portal.Catalog.Model;

namespace Catalog.Api.Processing;

/// <summary>
/// Bound to <c>Catalog:Limits</c>: the per-entity <see cref="EntityLimits"/> (shared with <c>validate-entity</c>) and how
/// much one location may declare. The file size limit is <see cref="Reading.CatalogLocationsOptions.MaxFileBytes"/>.
/// </summary>
public sealed class CatalogLimitsOptions : EntityLimits
{
    public const string SectionName = "Catalog:Limits";

    /// <summary>
    /// YAML documents one location may hold across all its files. The default takes the 100k-entity location the bench
    /// ingests in one refresh, twice over.
    /// </summary>
    public int MaxDocumentsPerLocation { get; set; } = 200_000;
}
