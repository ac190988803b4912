using Portal.Permissions.Policy;
using Xunit;

namespace Portal.Permissions.Tests;

public sealed class PolicyReaderTests
{
    private static PermissionPolicyDocument Read(string yaml) => PolicyReader.Read(yaml, "policy.yaml", "group:default/admins");

    private static PolicyFileException Refused(string yaml) => Assert.Throws<PolicyFileException>(() => Read(yaml));

    [Fact]
    public void The_default_policy_is_valid_and_its_admin_group_is_the_setting()
    {
        var policy = PolicyReader.Read(PermissionPolicy.DefaultPolicyText(), "default", "group:default/team-platform");

        Assert.Equal(["group:default/team-platform"], policy.Admins.Groups);
        Assert.Equal(["external:portal-automation"], policy.Admins.Principals);
        Assert.Contains(policy.Rules, rule => rule.Name == "owners-refresh-and-delete-their-entities" && rule.Condition is IsEntityOwner);
    }

    [Fact]
    public void Reads_every_condition_in_the_file_format()
    {
        var policy = Read("""
            rules:
              - name: templates
                permissions: [scaffolder.template.read]
                decision: conditional
                conditions:
                  anyOf:
                    - not: { hasSpecType: { types: [service] } }
                    - isEntityOwner: {}
                    - allOf:
                        - isEntityKind: { kinds: [Template] }
                        - hasAnnotation: { annotation: portal.dev/team, value: a }
                        - hasLabel: { label: tier }
                        - isInSystem: { system: system:default/Shop }
            """);

        var condition = Assert.IsType<AnyOf>(Assert.Single(policy.Rules).Condition);
        Assert.Equal(["service"], Assert.IsType<HasSpecType>(((Not)condition.Conditions[0]).Condition).Types);
        Assert.IsType<IsEntityOwner>(condition.Conditions[1]);
        var all = Assert.IsType<AllOf>(condition.Conditions[2]);
        Assert.Equal(new HasAnnotation("portal.dev/team", "a"), all.Conditions[1]);
        Assert.Equal(new HasLabel("tier", null), all.Conditions[2]);
        Assert.Equal(new IsInSystem("system:default/shop"), all.Conditions[3]);
    }

    [Fact]
    public void Reports_every_error_at_once_with_its_line_and_column()
    {
        var refused = Refused("""
            rules:
              - name: one
                permissions: [catalog.entity.raed]
                decision: allow
              - name: two
                permissions: [search.read]
                decision: maybe
              - permissions: [audit.read]
                decision: deny
              - name: one
                permissions: [audit.read]
                decision: deny
            """);

        Assert.Equal([(3, 19), (7, 15), (8, 5), (10, 5)], refused.Errors.Select(e => (e.Line, e.Column)).ToList());
        Assert.Contains("unknown permission 'catalog.entity.raed'", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("decision 'maybe'", refused.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("a rule needs 'name'", refused.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("'one' is already used on line 2", refused.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("policy.yaml", refused.Message, StringComparison.Ordinal);
        Assert.Contains("line 7, column 15", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_one_error_with_its_line()
    {
        var refused = Refused("rules:\n  - name: a\n    permissions: [search.read\n    decision: allow\n");

        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 3, error.ToString());
    }

    [Fact]
    public void A_conditional_decision_on_a_permission_without_an_entity_is_refused()
    {
        var refused = Refused("""
            rules:
              - name: audit-by-owner
                permissions: [audit.read]
                decision: conditional
                conditions: { isEntityOwner: {} }
            """);

        Assert.Equal(3, Assert.Single(refused.Errors).Line);
    }

    [Fact]
    public void Conditions_are_checked_for_shape()
    {
        var refused = Refused("""
            rules:
              - name: a
                permissions: [catalog.entity.read]
                decision: conditional
                conditions:
                  anyOf:
                    - isEntityKnd: { kinds: [component] }
                    - isInSystem: { system: shop }
                    - hasLabel: { value: x }
              - name: b
                permissions: [catalog.entity.read]
                decision: allow
                conditions: { isEntityOwner: {} }
              - name: c
                permissions: [catalog.entity.read]
                decision: conditional
            """);

        Assert.Equal([7, 8, 9, 13, 14], refused.Errors.Select(e => e.Line).ToList());
    }

    [Fact]
    public void Actions_belong_to_rules_about_executing_actions()
    {
        var refused = Refused("""
            rules:
              - name: a
                permissions: [scaffolder.task.create]
                actions: [publish:github]
                decision: allow
            """);

        Assert.Equal(4, Assert.Single(refused.Errors).Line);
    }

    [Fact]
    public void Unknown_fields_are_errors_naming_the_known_ones()
    {
        var refused = Refused("""
            rules:
              - name: a
                permission: [search.read]
                decision: allow
            """);

        Assert.Equal(2, refused.Errors.Count);
        Assert.Contains(refused.Errors, e => e.Line == 3 && e.Message.Contains("unknown field 'permission'", StringComparison.Ordinal));
    }
}
