using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Api.Processing;

internal static class ProcessingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
