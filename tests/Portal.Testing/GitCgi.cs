using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Portal.Testing;

/// <summary>
/// Answers one request with <c>git http-backend</c> run as a CGI program: the request becomes its environment and
/// standard input; its output is a CGI header block (<c>Status:</c> and headers) followed by the body, streamed back.
/// </summary>
internal static class GitCgi
{
    public static async Task ServeAsync(HttpContext context, string projectRoot)
    {
        var request = context.Request;
        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = projectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GATEWAY_INTERFACE"] = "CGI/1.1";
        start.Environment["SERVER_PROTOCOL"] = request.Protocol;
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = Uri.UnescapeDataString(request.Path.Value ?? "/");
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        if (request.ContentLength is { } length)
        {
            start.Environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // http-backend inflates a gzip-encoded request body itself when told so; protocol v2 is asked for by header.
        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
        {
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
        {
            start.Environment["GIT_PROTOCOL"] = protocol;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start git http-backend");
        var errors = process.StandardError.ReadToEndAsync(context.RequestAborted);
        var input = CopyBodyAsync(request.Body, process.StandardInput.BaseStream, context.RequestAborted);

        var output = process.StandardOutput.BaseStream;
        var headers = await ReadHeaderBlockAsync(output, context.RequestAborted);
        context.Response.StatusCode = 200;
        foreach (var line in headers.Split("\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.Append(name, value);
            }
        }

        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await input;
        await process.WaitForExitAsync(context.RequestAborted);
        var stderr = await errors;
        if (process.ExitCode != 0 && context.Response.StatusCode < 400)
        {
            throw new InvalidOperationException($"git http-backend exited with {process.ExitCode}: {stderr}");
        }
    }

    private static async Task CopyBodyAsync(Stream body, Stream stdin, CancellationToken cancellationToken)
    {
        try
        {
            await body.CopyToAsync(stdin, cancellationToken);
        }
        catch (IOException)
        {
            // http-backend may stop reading early (e.g. a refused request); its answer still stands.
        }
        finally
        {
            await stdin.DisposeAsync();
        }
    }

    /// <summary>The CGI header lines up to the first blank line, read byte by byte so the body stays in the stream.</summary>
    private static async Task<string> ReadHeaderBlockAsync(Stream output, CancellationToken cancellationToken)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (await output.ReadAsync(one, cancellationToken) == 1)
        {
            header.Add(one[0]);
            var count = header.Count;
            if (one[0] == '\n' && (count >= 2 && header[count - 2] == '\n' || count >= 3 && header[count - 2] == '\r' && header[count - 3] == '\n'))
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(header.ToArray()).Replace("\r", "", StringComparison.Ordinal);
    }
}
