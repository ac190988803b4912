namespace Portal.Catalog.Model.Scorecards;

/// <summary>
/// A <c>Scorecard</c> entity (<c>portal.io/v1alpha1</c>) as the scorecards service applies it: which entities it
/// scores, its levels from lowest to highest with their checks, and its initiatives. An entity reaches a level when
/// every check of that level and of every lower level passes.
/// </summary>
public sealed record ScorecardDefinition(
    string Title,
    string? Description,
    EntitySelector AppliesTo,
    IReadOnlyList<ScorecardLevel> Levels,
    IReadOnlyList<Initiative> Initiatives)
{
    public const string ApiVersion = "portal.io/v1alpha1";
    public const string Kind = "Scorecard";

    public IEnumerable<ScorecardCheck> Checks => Levels.SelectMany(level => level.Checks);

    public int CheckCount => Levels.Sum(level => level.Checks.Count);

    /// <summary>The 1-based index of <paramref name="levelName"/>, or 0 when the scorecard has no such level.</summary>
    public int LevelIndex(string levelName)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (string.Equals(Levels[i].Name, levelName, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }
}

/// <summary>One level (e.g. bronze) and the checks an entity must pass to reach it.</summary>
public sealed record ScorecardLevel(string Name, IReadOnlyList<ScorecardCheck> Checks);

/// <summary>
/// A deadline for reaching <see cref="Level"/>: it covers the entities its scorecard applies to, narrowed by
/// <see cref="AppliesTo"/> when given.
/// </summary>
public sealed record Initiative(string Name, string Title, string Level, DateOnly Deadline, EntitySelector AppliesTo);
