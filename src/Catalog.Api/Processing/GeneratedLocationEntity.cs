using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Catalog.Api.Processing;

/// <summary>
/// The Location entity the catalog makes for each registered location, named as Backstage names it
/// (<c>generated-</c> + SHA-1 of <c>type:target</c>), so ancestry starts from it.
/// </summary>
public static class GeneratedLocationEntity
{
    public static JsonObject Create(string type, string target)
    {
        var name = "generated-" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes($"{type}:{target}")));
        return new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = "Location",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["type"] = type, ["target"] = target },
        };
    }
}
