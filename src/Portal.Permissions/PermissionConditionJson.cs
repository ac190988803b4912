using System.Text.Json.Nodes;

namespace Portal.Permissions;

/// <summary>A condition in the policy file's shape, as JSON (<c>{"anyOf":[{"not":{"hasSpecType":{"types":["service"]}}},{"isEntityOwner":{}}]}</c>).</summary>
public static class PermissionConditionJson
{
    public static JsonObject ToJson(PermissionCondition condition) => condition switch
    {
        IsEntityOwner => new JsonObject { ["isEntityOwner"] = new JsonObject() },
        IsEntityKind kind => One("isEntityKind", new JsonObject { ["kinds"] = Texts(kind.Kinds) }),
        HasSpecType type => One("hasSpecType", new JsonObject { ["types"] = Texts(type.Types) }),
        HasAnnotation annotation => One("hasAnnotation", WithValue(new JsonObject { ["annotation"] = annotation.Annotation }, annotation.Value)),
        HasLabel label => One("hasLabel", WithValue(new JsonObject { ["label"] = label.Label }, label.Value)),
        IsInSystem system => One("isInSystem", new JsonObject { ["system"] = system.SystemRef }),
        AllOf all => One("allOf", new JsonArray(all.Conditions.Select(c => (JsonNode)ToJson(c)).ToArray())),
        AnyOf any => One("anyOf", new JsonArray(any.Conditions.Select(c => (JsonNode)ToJson(c)).ToArray())),
        Not not => One("not", ToJson(not.Condition)),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition"),
    };

    private static JsonObject One(string name, JsonNode value) => new() { [name] = value };

    private static JsonArray Texts(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonObject WithValue(JsonObject parameters, string? value)
    {
        if (value is not null)
        {
            parameters["value"] = value;
        }

        return parameters;
    }
}
