using System.Globalization;
using System.Text;

namespace Portal.Permissions.Sql;

/// <summary>
/// A conditional decision as a PostgreSQL predicate, so a list is filtered where it is read (paging, totals and facets
/// stay right) instead of after. Every leaf is <c>coalesce(…, false)</c>: a missing fact is a condition not met, and
/// <c>not</c> of a missing fact is met, as <see cref="PermissionCondition.IsMetBy"/> decides for one entity.
/// Values are parameters (<c>@{prefix}0</c>, …), never text in the SQL.
/// </summary>
public sealed class ConditionSql
{
    private readonly EntityFactColumns _columns;
    private readonly string _prefix;
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    private ConditionSql(EntityFactColumns columns, string prefix)
    {
        _columns = columns;
        _prefix = prefix;
    }

    /// <summary>The parameters the predicate names (strings and lower-cased <c>string[]</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Parameters => _parameters;

    /// <summary>The predicate's text.</summary>
    public string Sql { get; private set; } = "";

    /// <summary>
    /// The predicate for <paramref name="decision"/>: <c>TRUE</c> for allow, <c>FALSE</c> for deny, the condition's
    /// translation for a conditional decision (<paramref name="ownershipEntityRefs"/> are the user's).
    /// </summary>
    public static ConditionSql For(PolicyDecision decision, IReadOnlyCollection<string> ownershipEntityRefs, EntityFactColumns columns, string prefix = "perm")
    {
        ArgumentNullException.ThrowIfNull(decision);
        var sql = new ConditionSql(columns, prefix);
        sql.Sql = decision.Result switch
        {
            DecisionResult.Allow => "TRUE",
            DecisionResult.Conditional when decision.Condition is { } condition => sql.Translate(condition, ownershipEntityRefs),
            _ => "FALSE",
        };
        return sql;
    }

    private string Translate(PermissionCondition condition, IReadOnlyCollection<string> ownership) => condition switch
    {
        IsEntityOwner => Leaf($"{_columns.OwnerRefs} && {Add(Lower(ownership))}"),
        IsEntityKind kind => Leaf($"lower({_columns.Kind}) = ANY({Add(Lower(kind.Kinds))})"),
        HasSpecType type => Leaf($"lower({_columns.SpecType}) = ANY({Add(Lower(type.Types))})"),
        IsInSystem system => Leaf($"{_columns.SystemRefs} && {Add(Lower([system.SystemRef]))}"),
        HasAnnotation annotation => Entry(_columns.Annotations, annotation.Annotation, annotation.Value),
        HasLabel label => Entry(_columns.Labels, label.Label, label.Value),
        AllOf all => all.Conditions.Count == 0 ? "TRUE" : Join(all.Conditions, " AND ", ownership),
        AnyOf any => any.Conditions.Count == 0 ? "FALSE" : Join(any.Conditions, " OR ", ownership),
        Not not => $"(NOT {Translate(not.Condition, ownership)})",
        _ => throw new NotSupportedException($"the condition {condition.GetType().Name} has no SQL translation"),
    };

    private string Entry(string column, string key, string? value) => value is null
        ? Leaf($"({column} ->> {Add(key)}) IS NOT NULL")
        : Leaf($"({column} ->> {Add(key)}) = {Add(value)}");

    private string Join(IReadOnlyList<PermissionCondition> conditions, string separator, IReadOnlyCollection<string> ownership)
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < conditions.Count; i++)
        {
            text.Append(i == 0 ? "" : separator).Append(Translate(conditions[i], ownership));
        }

        return text.Append(')').ToString();
    }

    private static string Leaf(string predicate) => $"coalesce({predicate}, false)";

    private static string[] Lower(IEnumerable<string> values) => values.Select(value => value.ToLowerInvariant()).Distinct().ToArray();

    private string Add(object value)
    {
        var name = _prefix + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return "@" + name;
    }
}
