namespace Scaffolder.Api.Tests;

/// <summary>
/// The policy the scaffolder replicas under test read: the automation client is an admin and every other user may do
/// everything, except the test users named here (each test uses its own).
/// </summary>
public static class ScaffolderPolicy
{
    public static string Yaml(bool countRevoked) => $$"""
        admins:
          principals: [external:portal-automation]
        rules:
          - name: visitors-create-read-and-cancel-no-tasks
            permissions: [scaffolder.task.create, scaffolder.task.read, scaffolder.task.cancel]
            principals: [user:default/visitor.vic]
            decision: deny
          - name: dana-may-not-count
            permissions: [scaffolder.action.execute]
            actions: [test:count]
            principals: [user:default/dev.dana]
            decision: deny
          - name: {{(countRevoked ? "count-revoked" : "count-not-yet-revoked")}}
            permissions: [scaffolder.action.execute]
            actions: [test:count]
            principals: [user:default/{{(countRevoked ? "late.lee" : "nobody")}}]
            decision: deny
          - name: dana-uses-service-templates-she-owns
            permissions: [scaffolder.template.read]
            principals: [user:default/dev.dana]
            decision: conditional
            conditions:
              anyOf:
                - not: { hasSpecType: { types: [service] } }
                - isEntityOwner: {}
          - name: everyone-else-everything
            permissions: ["*"]
            decision: allow
        """;
}
