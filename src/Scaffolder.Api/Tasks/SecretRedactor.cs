using System.Text.Json.Nodes;

namespace Scaffolder.Api.Tasks;

/// <summary>Replaces every secret value of a task with <c>***</c> in whatever is logged, stored as output or published.</summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    public SecretRedactor(JsonObject? secrets)
    {
        _secrets = (secrets ?? []).Select(p => Templating.JsValues.ToText(p.Value))
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public JsonNode? Redact(JsonNode? value) => value is null || _secrets.Length == 0 ? value : JsonNode.Parse(Redact(value.ToJsonString()));
}
