using System.Net;
using Microsoft.AspNetCore.Connections;

namespace ZeroFs.Hosting.Serving;

/// <summary>One protocol server and where it listens: every TCP address and an optional Unix socket.</summary>
/// <param name="Protocol">The short name used in logs and listener lists (<c>ninep</c>, <c>nfs</c>, <c>nbd</c>).</param>
/// <param name="Addresses">TCP endpoints; port 0 binds a free port (see <see cref="ProtocolListeners.Endpoints"/>).</param>
/// <param name="UnixSocket">A Unix socket path, or null.</param>
/// <param name="Handler">Serves one accepted connection until it closes.</param>
internal sealed record ProtocolBinding(string Protocol, IReadOnlyList<IPEndPoint> Addresses, string? UnixSocket, ConnectionHandler Handler);
