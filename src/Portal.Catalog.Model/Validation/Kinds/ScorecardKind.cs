using Portal.Catalog.Model.Scorecards;

namespace Portal.Catalog.Model;

/// <summary>Portal's own Scorecard kind: its spec is read exactly as the scorecards service will apply it.</summary>
internal static class ScorecardKind
{
    public static readonly KindSchema Schema = new(ScorecardDefinition.Kind, [ScorecardDefinition.ApiVersion], ScorecardReader.Check);
}
