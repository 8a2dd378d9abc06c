using Microsoft.AspNetCore.Connections;

namespace ZeroFs.Nbd.Server;

/// <summary>Mounts the NBD server on a Kestrel endpoint (TCP or Unix socket): one session per connection.</summary>
/// <param name="server">The server every connection is handed to.</param>
public sealed class NbdConnectionHandler(NbdServer server) : ConnectionHandler
{
    /// <summary>Runs an NBD session on the connection until it ends.</summary>
    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return server.RunSessionAsync(connection.Transport, connection.ConnectionClosed);
    }
}
