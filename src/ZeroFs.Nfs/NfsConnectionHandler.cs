using Microsoft.AspNetCore.Connections;

namespace ZeroFs.Nfs;

/// <summary>Mounts the NFS server on a Kestrel listener (<c>listenOptions.Run(handler.OnConnectedAsync)</c> or <c>UseConnectionHandler</c>).</summary>
/// <param name="server">The server every connection is handed to.</param>
public sealed class NfsConnectionHandler(NfsServer server) : ConnectionHandler
{
    private readonly NfsServer _server = server ?? throw new ArgumentNullException(nameof(server));

    /// <inheritdoc />
    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _server.RunSessionAsync(connection.Transport, connection.LocalEndPoint, connection.ConnectionClosed);
    }
}
