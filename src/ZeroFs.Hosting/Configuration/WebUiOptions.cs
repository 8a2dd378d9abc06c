using System.Net;

namespace ZeroFs.Hosting.Configuration;

/// <summary>The <c>[servers.webui]</c> table: the browser console.</summary>
public sealed record WebUiOptions
{
    /// <summary>HTTP endpoints (<c>addresses</c>); default <c>127.0.0.1:8080</c>.</summary>
    public IReadOnlyList<IPEndPoint> Addresses { get; init; } = [new IPEndPoint(IPAddress.Loopback, 8080)];

    /// <summary>The uid every browser operation runs as (<c>uid</c>, required).</summary>
    public required uint Uid { get; init; }

    /// <summary>The gid every browser operation runs as (<c>gid</c>, required).</summary>
    public required uint Gid { get; init; }
}
