using System.Text;

namespace Catalog.Api.Apis;

/// <summary>
/// A JSON body assembled in a <see cref="StringBuilder"/> (stored entity JSON spliced together), written to the response
/// chunk by chunk as UTF-8. A page of entities is ~100 KB: as one string it would be a large-object-heap allocation per
/// request, and the collections those cost showed as the largest share of a by-query's CPU.
/// </summary>
public sealed class JsonTextResult(StringBuilder body) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = "application/json; charset=utf-8";

        // One encoder across chunks: a chunk may end between the two halves of a surrogate pair. No Content-Length:
        // counting the bytes first would be a second pass for a length the chunked encoding does not need.
        var encoder = Encoding.UTF8.GetEncoder();
        foreach (var chunk in body.GetChunks())
        {
            encoder.Convert(chunk.Span, response.BodyWriter, flush: false, out _, out _);
        }

        encoder.Convert([], response.BodyWriter, flush: true, out _, out _);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
