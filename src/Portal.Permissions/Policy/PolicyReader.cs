using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portal.Permissions.Policy;

/// <summary>
/// Reads and validates a policy file (format in <c>default-policy.yaml</c>), reporting every problem at once with its
/// line and column. <c>${Permissions:AdminGroup}</c> in a <c>groups</c> list stands for the configured admin group.
/// </summary>
public static class PolicyReader
{
    public const string AdminGroupPlaceholder = "${Permissions:AdminGroup}";

    private static readonly string[] RuleFields =
        ["name", "description", "permissions", "decision", "conditions", "groups", "principals", "claims", "principalKind", "actions"];

    /// <summary>The policy in <paramref name="text"/>; <see cref="PolicyFileException"/> naming <paramref name="source"/> when it has errors.</summary>
    public static PermissionPolicyDocument Read(string text, string source, string adminGroup)
    {
        ArgumentNullException.ThrowIfNull(text);
        var yaml = new YamlNodeReader();
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            // The events first: a syntax error is reported where it is (the node loader can fail without a position).
            while (parser.MoveNext())
            {
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new PolicyFileException(source,
                [new PolicyError((int)exception.Start.Line, (int)exception.Start.Column, "invalid YAML: " + Innermost(exception).Message)]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser gives up on some unterminated collections without a position: the last event read is it.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new PolicyFileException(source,
                [new PolicyError((int)at.Line, (int)at.Column, "invalid YAML: a list or mapping is not closed ('[' or '{' without its ']' or '}')")]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PolicyFileException(source, [new PolicyError(1, 1, "a policy is one YAML document: a mapping with 'rules' (and optionally 'admins')")]);
        }

        var fields = yaml.Fields(root, "the policy", "admins", "rules");
        var admins = fields.TryGetValue("admins", out var adminsField) ? ReadAdmins(yaml, adminsField.Key, adminsField.Value, adminGroup) : PolicyAdmins.None;
        var rules = new List<PolicyRule>();
        if (!fields.TryGetValue("rules", out var rulesField))
        {
            yaml.Error(root, "the policy needs 'rules': an ordered list of rules");
        }
        else if (rulesField.Value is not YamlSequenceNode ruleNodes)
        {
            yaml.Error(rulesField.Value, "'rules' must be a list of rules");
        }
        else
        {
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var node in ruleNodes.Children)
            {
                if (ReadRule(yaml, node, adminGroup, names) is { } rule)
                {
                    rules.Add(rule);
                }
            }
        }

        if (yaml.Errors.Count > 0)
        {
            throw new PolicyFileException(source, yaml.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }

        return new PermissionPolicyDocument(admins, rules);
    }

    private static PolicyAdmins ReadAdmins(YamlNodeReader yaml, YamlNode key, YamlNode node, string adminGroup)
    {
        if (yaml.Mapping(node, "admins") is not { } mapping)
        {
            return PolicyAdmins.None;
        }

        var fields = yaml.Fields(mapping, "admins", "groups", "principals");
        var groups = fields.TryGetValue("groups", out var g) ? Groups(yaml, g.Value, adminGroup) : null;
        var principals = fields.TryGetValue("principals", out var p) ? yaml.Texts(p.Value, "principals") : null;
        return new PolicyAdmins(groups ?? [], principals ?? [], (int)key.Start.Line);
    }

    private static PolicyRule? ReadRule(YamlNodeReader yaml, YamlNode node, string adminGroup, Dictionary<string, int> names)
    {
        if (node is not YamlMappingNode mapping)
        {
            yaml.Error(node, "a rule is a mapping with 'name', 'permissions' and 'decision'");
            return null;
        }

        var errorsBefore = yaml.Errors.Count;
        var fields = yaml.Fields(mapping, "a rule", RuleFields);
        var name = Required(yaml, fields, mapping, "name") is { } n ? yaml.Scalar(n, "name") : null;
        if (name is not null && !names.TryAdd(name, (int)mapping.Start.Line))
        {
            yaml.Error(mapping, $"rule name '{name}' is already used on line {names[name]}: names must be unique");
        }

        var permissionsNode = Required(yaml, fields, mapping, "permissions");
        var permissions = permissionsNode is null ? null : yaml.Texts(permissionsNode, "permissions");
        var decision = Required(yaml, fields, mapping, "decision") is { } d ? Decision(yaml, d) : null;
        if (fields.TryGetValue("description", out var description))
        {
            yaml.Scalar(description.Value, "description");
        }

        var condition = fields.TryGetValue("conditions", out var c) ? new ConditionReader(yaml).Read(c.Value) : null;
        var groups = fields.TryGetValue("groups", out var g) ? Groups(yaml, g.Value, adminGroup) : null;
        var principals = fields.TryGetValue("principals", out var pr) ? yaml.Texts(pr.Value, "principals") : null;
        var actions = fields.TryGetValue("actions", out var a) ? yaml.Texts(a.Value, "actions") : null;
        var claims = fields.TryGetValue("claims", out var cl) ? Claims(yaml, cl.Value) : null;
        string? principalKind = null;
        if (fields.TryGetValue("principalKind", out var kind))
        {
            principalKind = yaml.Scalar(kind.Value, "principalKind");
            if (principalKind is not (null or "user" or "service"))
            {
                yaml.Error(kind.Value, $"principalKind '{principalKind}' must be 'user' or 'service'");
            }
        }

        var matched = permissions is null ? [] : CheckPermissions(yaml, permissionsNode!, permissions, decision);
        if (decision == RuleDecision.Conditional && !fields.ContainsKey("conditions"))
        {
            yaml.Error(mapping, $"rule '{name}' is conditional and needs 'conditions'");
        }
        else if (decision is RuleDecision.Allow or RuleDecision.Deny && fields.TryGetValue("conditions", out var extra))
        {
            yaml.Error(extra.Key, $"rule '{name}' has conditions but decides '{decision.ToString()!.ToLowerInvariant()}': only a conditional rule has conditions");
        }

        if (actions is not null && !matched.Contains(PortalPermissions.ScaffolderActionExecute))
        {
            yaml.Error(a.Key, $"'actions' only applies to {PortalPermissions.ScaffolderActionExecute.Name}, which rule '{name}' does not cover");
        }

        return yaml.Errors.Count > errorsBefore
            ? null
            : new PolicyRule(name!, (int)mapping.Start.Line, permissions!, decision!.Value, condition, groups, principals, claims, principalKind, actions);
    }

    /// <summary>Every name must be a known permission (or a pattern matching one); a conditional rule must name permissions that take conditions.</summary>
    private static List<PortalPermission> CheckPermissions(YamlNodeReader yaml, YamlNode node, List<string> patterns, RuleDecision? decision)
    {
        var matched = new List<PortalPermission>();
        var items = node is YamlSequenceNode sequence ? sequence.Children.ToList() : [node];
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            var at = i < items.Count ? items[i] : node;
            var matches = PortalPermissions.All.Where(permission => PermissionPattern.Matches(pattern, permission.Name)).ToList();
            if (matches.Count == 0)
            {
                yaml.Error(at, $"unknown permission '{pattern}' (known: {string.Join(", ", PortalPermissions.All.Select(x => x.Name))})");
                continue;
            }

            // A pattern in a conditional rule covers only the permissions that take conditions; a name must take them.
            if (decision == RuleDecision.Conditional && !pattern.Contains('*', StringComparison.Ordinal) && !PortalPermissions.TakesConditions(matches[0]))
            {
                yaml.Error(at, $"permission '{pattern}' is not about an entity or an existing location, so it cannot be conditional");
            }

            matched.AddRange(matches);
        }

        return matched;
    }

    private static YamlNode? Required(YamlNodeReader yaml, Dictionary<string, (YamlNode Key, YamlNode Value)> fields, YamlNode rule, string field)
    {
        if (fields.TryGetValue(field, out var found))
        {
            return found.Value;
        }

        yaml.Error(rule, $"a rule needs '{field}'");
        return null;
    }

    private static RuleDecision? Decision(YamlNodeReader yaml, YamlNode node)
    {
        switch (yaml.Scalar(node, "decision"))
        {
            case "allow": return RuleDecision.Allow;
            case "deny": return RuleDecision.Deny;
            case "conditional": return RuleDecision.Conditional;
            case null: return null;
            case var other:
                yaml.Error(node, $"decision '{other}' must be allow, deny or conditional");
                return null;
        }
    }

    private static List<string>? Groups(YamlNodeReader yaml, YamlNode node, string adminGroup) =>
        yaml.Texts(node, "groups")?.Select(group => group == AdminGroupPlaceholder ? adminGroup : group).ToList();

    private static Dictionary<string, string>? Claims(YamlNodeReader yaml, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            yaml.Error(node, "claims must be a mapping of claim name to value");
            return null;
        }

        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (yaml.Scalar(key, "a claim's name") is { } name && yaml.Scalar(value, $"claim '{name}'") is { } text)
            {
                claims[name] = text;
            }
        }

        return claims;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
