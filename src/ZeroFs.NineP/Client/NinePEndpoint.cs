using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace ZeroFs.NineP.Client;

/// <summary>Opens transports for <see cref="NinePClient"/>: TCP <c>host:port</c> or a Unix socket <c>unix:/path</c>.</summary>
public static class NinePEndpoint
{
    /// <summary>The default 9P port of ZeroFS.</summary>
    public const int DefaultPort = 5564;

    /// <summary>Connects a socket and wraps it as a duplex pipe; completing both pipe ends closes the socket.</summary>
    /// <param name="endpoint"><c>host:port</c>, <c>[v6addr]:port</c>, <c>host</c> (port 5564) or <c>unix:/path/to/socket</c>.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The connected transport.</returns>
    /// <exception cref="FormatException">The endpoint cannot be parsed.</exception>
    /// <exception cref="SocketException">The connection failed.</exception>
    public static async Task<IDuplexPipe> ConnectAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var (address, family, protocol) = Parse(endpoint);
        var socket = new Socket(family, SocketType.Stream, protocol);
        try
        {
            if (protocol == ProtocolType.Tcp)
            {
                socket.NoDelay = true;
            }

            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        return new StreamDuplexPipe(PipeReader.Create(stream), PipeWriter.Create(stream));
    }

    /// <summary>Parses an endpoint string.</summary>
    /// <param name="endpoint">See <see cref="ConnectAsync"/>.</param>
    /// <returns>The socket address, family and protocol.</returns>
    /// <exception cref="FormatException">The endpoint cannot be parsed.</exception>
    public static (EndPoint Address, AddressFamily Family, ProtocolType Protocol) Parse(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = endpoint["unix:".Length..];
            return path.Length == 0
                ? throw new FormatException("unix: needs a socket path")
                : (new UnixDomainSocketEndPoint(path), AddressFamily.Unix, ProtocolType.Unspecified);
        }

        if (IPEndPoint.TryParse(endpoint, out var ip))
        {
            if (ip.Port == 0)
            {
                ip.Port = DefaultPort;
            }

            return (ip, ip.AddressFamily, ProtocolType.Tcp);
        }

        var colon = endpoint.LastIndexOf(':');
        var host = colon < 0 ? endpoint : endpoint[..colon];
        var port = DefaultPort;
        if ((colon >= 0 && !int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out port))
            || port is <= 0 or > 65535
            || host.Length == 0)
        {
            throw new FormatException($"'{endpoint}' is not host:port or unix:/path");
        }

        return (new DnsEndPoint(host, port), AddressFamily.Unspecified, ProtocolType.Tcp);
    }

    private sealed class StreamDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
