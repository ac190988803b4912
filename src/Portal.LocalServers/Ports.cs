using System.Net;
using System.Net.Sockets;

namespace Portal.LocalServers;

public static class Ports
{
    public static async Task<bool> IsOpenAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public static async Task WaitUntilOpenAsync(int port, TimeSpan timeout, Func<string> whatFailed, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsOpenAsync(port, cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new LocalServerException(whatFailed());
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public static string Tail(string path, int lines = 15) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
}
