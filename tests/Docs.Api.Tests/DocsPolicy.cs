namespace Docs.Api.Tests;

/// <summary>
/// The policy the docs service under test reads: the automation client is an admin (the other tests act as it);
/// members of <c>team-owl</c> read only their own entities and docs; <c>outsiders</c> read no docs; owners sync theirs.
/// </summary>
public static class DocsPolicy
{
    public const string Yaml = """
        admins:
          principals: [external:portal-automation]
        rules:
          - name: owls-read-their-own
            permissions: [catalog.entity.read, techdocs.read]
            groups: [group:default/team-owl]
            decision: conditional
            conditions: { isEntityOwner: {} }
          - name: outsiders-read-no-docs
            permissions: [techdocs.read]
            groups: [group:default/outsiders]
            decision: deny
          - name: everyone-reads
            permissions: ["*.read"]
            decision: allow
          - name: owners-sync-their-docs
            permissions: [techdocs.sync]
            decision: conditional
            conditions: { isEntityOwner: {} }
        """;
}
