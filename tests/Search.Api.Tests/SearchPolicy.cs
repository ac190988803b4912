namespace Search.Api.Tests;

/// <summary>
/// The policy the search service under test reads: the automation client is an admin (the other tests act as it);
/// members of <c>team-owl</c> read only what their team owns, and docs only of what is part of the system <c>nest</c>;
/// members of <c>outsiders</c> may not search; nobody but admins reindexes.
/// </summary>
public static class SearchPolicy
{
    public const string Yaml = """
        admins:
          principals: [external:portal-automation]
        rules:
          - name: outsiders-may-not-search
            permissions: [search.read]
            groups: [group:default/outsiders]
            decision: deny
          - name: owls-read-their-own
            permissions: [catalog.entity.read]
            groups: [group:default/team-owl]
            decision: conditional
            conditions: { isEntityOwner: {} }
          - name: owls-read-docs-of-the-nest
            permissions: [techdocs.read]
            groups: [group:default/team-owl]
            decision: conditional
            conditions: { isInSystem: { system: system:default/nest } }
          - name: only-admins-reindex
            permissions: [search.reindex]
            decision: deny
          - name: everyone-reads
            permissions: ["*.read"]
            decision: allow
        """;
}
