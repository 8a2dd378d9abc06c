using System.Net;
using System.Net.Sockets;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli;

/// <summary>The mount commands for the configured servers (CLI.md "Mounting").</summary>
internal static class MountHints
{
    public static IReadOnlyList<string> For(ServersOptions servers)
    {
        var hints = new List<string>();
        if (servers.Nfs?.Addresses is [var nfs, ..])
        {
            hints.Add($"NFS:  mount -t nfs -o vers=3,tcp,nolock,port={nfs.Port},mountport={nfs.Port} {Host(nfs, bracketIpv6: true)}:/ /mnt/zerofs");
        }

        if (servers.NineP is { } ninep)
        {
            if (ninep.Addresses is [var tcp, ..])
            {
                hints.Add($"9P:   mount -t 9p -o trans=tcp,port={tcp.Port},version=9p2000.L,msize=1048576 {Host(tcp, bracketIpv6: false)} /mnt/zerofs");
                hints.Add($"      or without root (FUSE): zerofs mount {Host(tcp, bracketIpv6: true)}:{tcp.Port} /mnt/zerofs");
            }
            else if (ninep.UnixSocket is { } socket)
            {
                hints.Add($"9P:   mount -t 9p -o trans=unix,version=9p2000.L,msize=1048576 {socket} /mnt/zerofs");
            }
        }

        if (servers.Nbd?.Addresses is [var nbd, ..])
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
