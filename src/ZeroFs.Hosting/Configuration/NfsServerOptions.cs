using System.Net;

namespace ZeroFs.Hosting.Configuration;

/// <summary>The <c>[servers.nfs]</c> table (NFSv3 has no Unix socket listener).</summary>
public sealed record NfsServerOptions
{
    /// <summary>TCP endpoints (<c>addresses</c>); MOUNT is served on the same port.</summary>
    public IReadOnlyList<IPEndPoint> Addresses { get; init; } = [];

    /// <summary>
    /// <c>async</c>: acknowledge writes as FILE_SYNC before they are durable (fast, unsafe: a
    /// client's fsync is not durable). Default false: UNSTABLE replies and COMMIT as the barrier.
    /// </summary>
    public bool Async { get; init; }

    /// <summary>True when this server has at least one listener.</summary>
    public bool HasListeners => Addresses.Count > 0;
}
