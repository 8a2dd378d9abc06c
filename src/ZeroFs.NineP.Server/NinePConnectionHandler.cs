using Microsoft.AspNetCore.Connections;

namespace ZeroFs.NineP.Server;

/// <summary>
/// Mounts a <see cref="NinePServer"/> on Kestrel (TCP or Unix socket listeners):
/// <c>listenOptions.UseConnectionHandler&lt;NinePConnectionHandler&gt;()</c>. Each connection is one session.
/// </summary>
/// <param name="server">The server whose sessions this handler runs.</param>
public sealed class NinePConnectionHandler(NinePServer server) : ConnectionHandler
{
    /// <summary>Serves the connection until the client disconnects, breaks the framing, or Kestrel closes it.</summary>
    /// <param name="connection">The accepted connection.</param>
    /// <returns>A task that completes when the session has released everything it held.</returns>
    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return server.RunSessionAsync(connection.Transport, connection.ConnectionClosed);
    }
}
