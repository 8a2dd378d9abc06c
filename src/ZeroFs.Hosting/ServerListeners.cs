using System.Net;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Hosting;

/// <summary>Lists the listeners a <see cref="ServersOptions"/> asks for, for logs and mount hints.</summary>
public static class ServerListeners
{
    /// <summary>One entry per listener: <c>"nfs 127.0.0.1:2049"</c>, <c>"ninep unix:/tmp/zerofs.9p.sock"</c>.</summary>
    public static IReadOnlyList<string> Describe(ServersOptions servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var result = new List<string>();
        if (servers.Nfs is { } nfs)
        {
            Add(result, "nfs", nfs.Addresses, null);
        }

        if (servers.NineP is { } ninep)
        {
            Add(result, "ninep", ninep.Addresses, ninep.UnixSocket);
        }

        if (servers.Nbd is { } nbd)
        {
            Add(result, "nbd", nbd.Addresses, nbd.UnixSocket);
        }

        if (servers.Rpc is { } rpc)
        {
            Add(result, "rpc", rpc.Addresses, rpc.UnixSocket);
        }

        if (servers.WebUi is { } webUi)
        {
            Add(result, "webui", webUi.Addresses, null);
        }

        return result;
    }

    private static void Add(List<string> result, string protocol, IReadOnlyList<IPEndPoint> addresses, string? unixSocket)
    {
        foreach (var address in addresses)
        {
            result.Add($"{protocol} {address}");
        }

        if (unixSocket is not null)
        {
            result.Add($"{protocol} unix:{unixSocket}");
        }
    }
}
