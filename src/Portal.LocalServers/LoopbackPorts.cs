using System.Net;
using System.Net.Sockets;

namespace Portal.LocalServers;

/// <summary>Questions about TCP ports on 127.0.0.1.</summary>
public static class LoopbackPorts
{
    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsAnsweringAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True when a server of ours could listen on 127.0.0.1:<paramref name="port"/> now (nobody holds it on any address).</summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits until something answers on the port; false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> WaitUntilAnsweringAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsAnsweringAsync(port, cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200, cancellationToken);
        }

        return true;
    }
}
