namespace Catalog.Api.Tests.Permissions;

/// <summary>The policy and catalog of the permission tests (line numbers of rules are asserted: keep them in place).</summary>
internal static class TestPolicy
{
    public const string Text = """
        admins:
          principals: [external:portal-automation]
        rules:
          - name: carl-may-not-touch-the-catalog
            principals: [user:default/carl]
            permissions: ["catalog.*"]
            decision: deny
          - name: team-b-reads-everything
            groups: [group:default/team-b]
            permissions: [catalog.entity.read]
            decision: allow
          - name: dave-reads-what-he-does-not-own
            principals: [user:default/dave]
            permissions: [catalog.entity.read]
            decision: conditional
            conditions: { not: { isEntityOwner: {} } }
          - name: others-read-their-own-and-people
            permissions: [catalog.entity.read]
            decision: conditional
            conditions:
              anyOf:
                - isEntityOwner: {}
                - isEntityKind: { kinds: [User, Group] }
          - name: everyone-reads-locations
            permissions: [catalog.location.read]
            decision: allow
          - name: owners-manage
            permissions: [catalog.entity.refresh, catalog.entity.delete, catalog.location.delete]
            decision: conditional
            conditions: { isEntityOwner: {} }
          - name: nobody-registers
            permissions: [catalog.location.create]
            decision: deny
        """;

    /// <summary>The line of the rule named <paramref name="rule"/> in <see cref="Text"/>, as the policy reports it.</summary>
    public static int LineOf(string rule) =>
        Text.Split('\n').Select((line, index) => (line, index)).Single(l => l.line.Contains($"- name: {rule}", StringComparison.Ordinal)).index + 1;

    public const string SharedCatalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: { name: team-a }
        spec: { type: team, children: [] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: { name: team-b }
        spec: { type: team, children: [] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: { name: ann }
        spec: { profile: { email: ann@example.test }, memberOf: [team-a] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: { name: ben }
        spec: { profile: { email: ben@example.test }, memberOf: [team-b] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: { name: dave }
        spec: { profile: { email: dave@example.test }, memberOf: [team-a] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: { name: carl }
        spec: { profile: { email: carl@example.test }, memberOf: [] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: System
        metadata: { name: shop }
        spec: { owner: team-a }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a-service, description: "Größe — 東京 ✓ (multi-byte text before the relations)" }
        spec: { type: service, lifecycle: production, owner: team-a, system: shop, dependsOn: [component:b-lib] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: a-website }
        spec: { type: website, lifecycle: production, owner: group:default/team-a }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: b-lib }
        spec: { type: library, lifecycle: production, owner: team-b, system: shop }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: b-secret }
        spec: { type: service, lifecycle: experimental, owner: team-b }
        """;

    public const string TeamBCatalog = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: b-tool }
        spec: { type: tool, lifecycle: production, owner: team-b }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: b-doomed }
        spec: { type: tool, lifecycle: deprecated, owner: team-b }
        """;
}
