namespace Scorecards.Api.Tests;

/// <summary>
/// The policy the scorecards service under test reads: the automation client is an admin (most tests act as it);
/// members of <c>team-owl</c> read only the entities their team owns; members of <c>outsiders</c> may not read scores.
/// </summary>
public static class ScorecardsPolicy
{
    public const string Yaml = """
        admins:
          principals: [external:portal-automation]
        rules:
          - name: outsiders-see-no-scores
            permissions: [scorecard.read]
            groups: [group:default/outsiders]
            decision: deny
          - name: owls-read-their-own
            permissions: [catalog.entity.read]
            groups: [group:default/team-owl]
            decision: conditional
            conditions: { isEntityOwner: {} }
          - name: only-admins-rescore
            permissions: [scorecard.rescore]
            decision: deny
          - name: everyone-reads
            permissions: ["*.read"]
            decision: allow
        """;
}
