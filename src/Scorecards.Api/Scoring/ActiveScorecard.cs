using Portal.Catalog.Model.Scorecards;

namespace Scorecards.Api.Scoring;

/// <summary>A scorecard in force: its ref (<c>scorecard:namespace/name</c>), the version being applied, and its definition.</summary>
public sealed record ActiveScorecard(string Ref, string Namespace, string Name, int Version, ScorecardDefinition Definition)
{
    public bool AppliesTo(ScoringSubject subject) => Definition.AppliesTo.Matches(subject.Facts);

    /// <summary>
    /// Runs every check and finds the level: the highest one whose checks, and every lower level's, all pass.
    /// </summary>
    public ScoreResult Score(ScoringSubject subject, DateTimeOffset now)
    {
        var checks = new List<CheckResult>(Definition.CheckCount);
        var reached = 0;
        var climbing = true;
        for (var i = 0; i < Definition.Levels.Count; i++)
        {
            var level = Definition.Levels[i];
            var levelPasses = true;
            foreach (var check in level.Checks)
            {
                var (passed, reason) = CheckEvaluator.Evaluate(check, subject, now);
                levelPasses &= passed;
                checks.Add(new CheckResult(check.Id, check.Title, check.Description, level.Name, passed, reason));
            }

            climbing &= levelPasses;
            if (climbing)
            {
                reached = i + 1;
            }
        }

        return new ScoreResult(Ref, Version, subject.EntityRef, reached, checks);
    }
}
