using System.Net;
using System.Net.Sockets;

namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
internal static class FreePort
{
    /// <summary>Asks the kernel for an ephemeral port and releases it at once.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
