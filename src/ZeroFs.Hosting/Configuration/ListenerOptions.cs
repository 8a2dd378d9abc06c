using System.Net;

namespace ZeroFs.Hosting.Configuration;

/// <summary>Where one protocol server listens: <c>[servers.ninep]</c>, <c>[servers.nbd]</c>, <c>[servers.rpc]</c>.</summary>
public sealed record ListenerOptions
{
    /// <summary>TCP endpoints (<c>addresses</c>, <c>"host:port"</c>, IPv6 as <c>"[::1]:port"</c>); one listener each.</summary>
    public IReadOnlyList<IPEndPoint> Addresses { get; init; } = [];

    /// <summary>A Unix socket path (<c>unix_socket</c>); an existing socket file is replaced at bind.</summary>
    public string? UnixSocket { get; init; }

    /// <summary>True when this server has at least one listener.</summary>
    public bool HasListeners => Addresses.Count > 0 || UnixSocket is not null;
}
