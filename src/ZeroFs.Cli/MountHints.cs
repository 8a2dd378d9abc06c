using System.Net;
using System.Net.Sockets;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli;

/// <summary>The mount commands for the configured servers (CLI.md "Mounting").</summary>
internal static class MountHints
{
    /// <summary>
    /// Mount commands for the protocols actually served: <paramref name="tcp"/> holds the bound TCP
    /// endpoints (real ports, also when port 0 was configured), <paramref name="served"/> the served
    /// protocol names (nfs, ninep, nbd).
    /// </summary>
    public static IReadOnlyList<string> For(
        ServersOptions servers, IReadOnlyList<(string Protocol, IPEndPoint EndPoint)> tcp, IReadOnlyCollection<string> served)
    {
        var hints = new List<string>();
        IPEndPoint? First(string protocol) => tcp.FirstOrDefault(t => t.Protocol == protocol).EndPoint;
        if (First("nfs") is { } nfs)
        {
            hints.Add($"NFS:  mount -t nfs -o vers=3,tcp,nolock,port={nfs.Port},mountport={nfs.Port} {Host(nfs, bracketIpv6: true)}:/ /mnt/zerofs");
        }

        if (served.Contains("ninep") && servers.NineP is { } ninep)
        {
            if (First("ninep") is { } ninepTcp)
            {
                hints.Add($"9P:   mount -t 9p -o trans=tcp,port={ninepTcp.Port},version=9p2000.L,msize=1048576,access=user,cache=mmap {Host(ninepTcp, bracketIpv6: false)} /mnt/zerofs");
                hints.Add($"      or without root (FUSE): zerofs mount {Host(ninepTcp, bracketIpv6: true)}:{ninepTcp.Port} /mnt/zerofs");
            }
            else if (ninep.UnixSocket is { } socket)
            {
                hints.Add($"9P:   mount -t 9p -o trans=unix,version=9p2000.L,msize=1048576,access=user,cache=mmap {socket} /mnt/zerofs");
            }
        }

        if (First("nbd") is { } nbd)
        {
            hints.Add($"NBD:  truncate -s 10G /mnt/zerofs/.nbd/vol1 && nbd-client {Host(nbd, bracketIpv6: false)} {nbd.Port} /dev/nbd0 -N vol1");
        }

        return hints;
    }

    // A wildcard bind is reachable on loopback; that is what a local mount command should use.
    private static string Host(IPEndPoint endPoint, bool bracketIpv6)
    {
        var address = endPoint.Address;
        if (address.Equals(IPAddress.Any))
        {
            address = IPAddress.Loopback;
        }
        else if (address.Equals(IPAddress.IPv6Any))
        {
            address = IPAddress.IPv6Loopback;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && bracketIpv6 ? $"[{address}]" : address.ToString();
    }
}
