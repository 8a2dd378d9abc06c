using System.Net;

namespace ZeroFs.Hosting.Configuration;

/// <content>Binding of <c>[servers]</c> and its sub-tables.</content>
public static partial class ConfigLoader
{
    private static ServersOptions BindServers(TableReader table)
    {
        var seen = new Dictionary<IPEndPoint, string>();
        var sockets = new Dictionary<string, string>(StringComparer.Ordinal);

        var nfsTable = table.GetTable("nfs");
        var ninePTable = table.GetTable("ninep");
        var nbdTable = table.GetTable("nbd");
        var rpcTable = table.GetTable("rpc");
        var webUiTable = table.GetTable("webui");
        table.RejectUnknownKeys();

        var options = new ServersOptions
        {
            Nfs = nfsTable is null ? null : BindNfs(nfsTable, seen),
            NineP = ninePTable is null ? null : BindListener(ninePTable, seen, sockets),
            Nbd = nbdTable is null ? null : BindListener(nbdTable, seen, sockets),
            Rpc = rpcTable is null ? null : BindListener(rpcTable, seen, sockets),
            WebUi = webUiTable is null ? null : BindWebUi(webUiTable, seen),
        };

        if (!options.HasListeners)
        {
            throw table.Source.Error(
                table.Line,
                "no servers configured: give at least one of [servers.nfs], [servers.ninep], [servers.nbd], [servers.rpc] "
                + "'addresses' (or a 'unix_socket'), or add [servers.webui]");
        }

        return options;
    }

    private static NfsServerOptions BindNfs(TableReader table, Dictionary<IPEndPoint, string> seen)
    {
        var defaults = new NfsServerOptions();
        var options = new NfsServerOptions
        {
            Addresses = ReadAddresses(table, seen) ?? defaults.Addresses,
            Async = table.GetBoolean("async") ?? defaults.Async,
        };
        table.RejectUnknownKeys();
        return options;
    }

    private static ListenerOptions BindListener(
        TableReader table, Dictionary<IPEndPoint, string> seen, Dictionary<string, string> sockets)
    {
        var defaults = new ListenerOptions();
        var addresses = ReadAddresses(table, seen) ?? defaults.Addresses;
        string? socket = null;
        if (table.Find("unix_socket") is { } entry)
        {
            socket = table.ReadString(entry, expand: true);
            if (socket.Length == 0)
            {
                throw table.Source.Error(entry.Line, $"'{entry.Path}' is empty; give a socket path or remove the key");
            }

            if (!sockets.TryAdd(socket, entry.Path))
            {
                throw table.Source.Error(entry.Line, $"'{entry.Path}': \"{socket}\" is already used by '{sockets[socket]}'; use another path");
            }
        }

        table.RejectUnknownKeys();
        return new ListenerOptions { Addresses = addresses, UnixSocket = socket };
    }

    private static WebUiOptions BindWebUi(TableReader table, Dictionary<IPEndPoint, string> seen)
    {
        var addresses = ReadAddresses(table, seen);
        var uid = table.GetInteger("uid", 0, uint.MaxValue) ?? throw table.MissingKey("uid", "an integer, the uid browser operations run as");
        var gid = table.GetInteger("gid", 0, uint.MaxValue) ?? throw table.MissingKey("gid", "an integer, the gid browser operations run as");
        table.RejectUnknownKeys();
        var options = new WebUiOptions { Uid = (uint)uid, Gid = (uint)gid };
        return addresses is null ? options : options with { Addresses = addresses };
    }

    private static IReadOnlyList<IPEndPoint>? ReadAddresses(TableReader table, Dictionary<IPEndPoint, string> seen)
    {
        var addresses = table.GetAddresses("addresses");
        if (addresses is null)
        {
            return null;
        }

        var entry = table.Find("addresses")!;
        foreach (var endPoint in addresses)
        {
            if (endPoint.Port != 0 && !seen.TryAdd(endPoint, entry.Path))
            {
                throw table.Source.Error(entry.Line, $"'{entry.Path}': {endPoint} is already used by '{seen[endPoint]}'; give each server its own port");
            }
        }

        return addresses;
    }
}
