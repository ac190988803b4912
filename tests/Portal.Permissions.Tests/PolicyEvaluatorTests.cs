using Portal.Permissions.Policy;
using Xunit;
using static Portal.Permissions.PortalPermissions;

namespace Portal.Permissions.Tests;

public sealed class PolicyEvaluatorTests
{
    private static readonly PolicyEvaluator Policy = new(PolicyReader.Read("""
        admins:
          groups: ["${Permissions:AdminGroup}"]
          principals: [external:root]
        rules:
          - name: bots-read
            principals: [plugin:*]
            permissions: ["*.read"]
            decision: allow
          - name: contractors-read-their-own
            claims: { contractor: "true" }
            permissions: [catalog.entity.read]
            decision: conditional
            conditions: { isEntityOwner: {} }
          - name: platform-publishes
            permissions: [scaffolder.action.execute]
            actions: [publish:*]
            groups: [group:default/platform]
            decision: allow
          - name: nobody-else-publishes
            permissions: [scaffolder.action.execute]
            actions: [publish:*]
            decision: deny
          - name: owners-manage
            permissions: ["catalog.*"]
            decision: conditional
            conditions: { isEntityOwner: {} }
          - name: users-do-the-rest
            principalKind: user
            permissions: ["*"]
            decision: allow
        """, "test", "group:default/admins"));

    [Fact]
    public void Admins_by_group_or_principal_may_do_everything()
    {
        Assert.Equal(("admins", DecisionResult.Allow, 1), Summary(Policy.Decide(Users.User("ada", "group:default/admins"), AuditRead)));
        Assert.Equal(DecisionResult.Allow, Policy.Decide(Users.Service("external:root"), SearchReindex).Result);
    }

    [Fact]
    public void The_first_matching_rule_decides_and_names_itself_and_its_line()
    {
        Assert.Equal(("bots-read", DecisionResult.Allow, 5), Summary(Policy.Decide(Users.Service("plugin:search"), CatalogEntityRead)));
        Assert.Equal(("users-do-the-rest", DecisionResult.Allow, 27), Summary(Policy.Decide(Users.User("bob"), SearchRead)));
    }

    [Fact]
    public void Nothing_matching_is_denied_by_default_deny()
    {
        var decision = Policy.Decide(Users.Service("plugin:search"), SearchReindex);

        Assert.Equal((PolicyEvaluator.DefaultDenyRule, DecisionResult.Deny, null), (decision.Rule, decision.Result, decision.Line));
    }

    [Fact]
    public void Claims_select_rules_and_conditional_decisions_carry_the_condition()
    {
        var decision = Policy.Decide(Users.User("carl").WithClaim("contractor", "true"), CatalogEntityRead);

        Assert.Equal(("contractors-read-their-own", DecisionResult.Conditional, 9), Summary(decision));
        Assert.IsType<IsEntityOwner>(decision.Condition);
    }

    [Fact]
    public void Actions_are_matched_per_action_id_and_group()
    {
        Assert.Equal("platform-publishes", Policy.Decide(Users.User("pia", "group:default/platform"), ScaffolderActionExecute, "publish:github").Rule);
        Assert.Equal(DecisionResult.Deny, Policy.Decide(Users.User("bob"), ScaffolderActionExecute, "publish:github").Result);
        Assert.Equal(("users-do-the-rest", DecisionResult.Allow, 27), Summary(Policy.Decide(Users.User("bob"), ScaffolderActionExecute, "fetch:plain")));
    }

    [Fact]
    public void A_conditional_pattern_covers_only_permissions_that_take_conditions()
    {
        Assert.Equal(DecisionResult.Conditional, Policy.Decide(Users.User("bob"), CatalogEntityDelete).Result);
        Assert.Equal(DecisionResult.Conditional, Policy.Decide(Users.User("bob"), CatalogLocationDelete).Result);
        Assert.Equal(("users-do-the-rest", DecisionResult.Allow, 27), Summary(Policy.Decide(Users.User("bob"), CatalogLocationCreate)));
    }

    [Fact]
    public void The_default_policy_gives_services_least_privilege_and_users_reads()
    {
        var defaults = new PolicyEvaluator(PolicyReader.Read(PermissionPolicy.DefaultPolicyText(), "default", "group:default/team-platform"));

        Assert.Equal(DecisionResult.Allow, defaults.Decide(Users.Service("plugin:scaffolder"), CatalogLocationCreate).Result);
        Assert.Equal(DecisionResult.Deny, defaults.Decide(Users.Service("plugin:scaffolder"), CatalogEntityDelete).Result);
        Assert.Equal(DecisionResult.Deny, defaults.Decide(Users.Service("plugin:search"), CatalogLocationCreate).Result);
        Assert.Equal(DecisionResult.Allow, defaults.Decide(Users.User("amara"), TechDocsRead).Result);
        Assert.Equal("only-admins-audit-and-reindex", defaults.Decide(Users.User("amara"), AuditRead).Rule);
        Assert.Equal(DecisionResult.Allow, defaults.Decide(Users.User("diego", "group:default/team-platform"), AuditRead).Result);
        Assert.Equal(DecisionResult.Conditional, defaults.Decide(Users.User("amara"), CatalogEntityDelete).Result);
        Assert.Equal(DecisionResult.Allow, defaults.Decide(Users.User("amara"), CatalogLocationCreate).Result);
        Assert.Equal(DecisionResult.Allow, defaults.Decide(Users.User("amara"), ScaffolderTaskCancel).Result);
        Assert.Equal(DecisionResult.Allow, defaults.Decide(Users.Service("external:portal-automation"), SearchReindex).Result);
    }

    private static (string, DecisionResult, int?) Summary(PolicyDecision decision) => (decision.Rule, decision.Result, decision.Line);
}
