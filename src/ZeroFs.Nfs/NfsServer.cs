using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Server;

namespace ZeroFs.Nfs;

/// <summary>
/// The NFSv3 server: MOUNT v3, NFS v3 and the portmapper (v2) on one port, over any duplex pipe
/// (Kestrel connections through <see cref="NfsConnectionHandler"/>, in-memory pipes in tests).
/// Every call runs with the caller's AUTH_SYS credentials against the filesystem. The write
/// verifier is drawn once per instance: a new server (a restart) may have lost unstable writes, and
/// clients seeing the new verifier resend them.
/// </summary>
public sealed class NfsServer
{
    private readonly NfsServerOptions _options;
    private readonly ILogger _logger;
    private readonly RpcDispatcher _dispatcher;

    /// <summary>Creates a server over <paramref name="fs"/>.</summary>
    /// <param name="fs">The filesystem to serve (owned by the caller).</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    public NfsServer(PosixFileSystem fs, NfsServerOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ZeroFs.Nfs");
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        WriteVerifier = BitConverter.ToUInt64(random);
        _dispatcher = new RpcDispatcher(new Nfs3Service(fs, options, WriteVerifier, _logger), new MountService(fs, options, _logger), _logger);
        NfsLog.Started(_logger, options.VolumeId, WriteVerifier, options.Async);
    }

    /// <summary>The write verifier of this instance (WRITE and COMMIT replies).</summary>
    public ulong WriteVerifier { get; }

    /// <summary>The options this server runs with.</summary>
    public NfsServerOptions Options => _options;

    /// <summary>Serves one connection until the peer closes it or <paramref name="cancellationToken"/> fires; the portmapper reports port 0.</summary>
    public Task RunSessionAsync(IDuplexPipe transport, CancellationToken cancellationToken) => RunSessionAsync(transport, null, cancellationToken);

    /// <summary>Serves one connection; the portmapper reports the port of <paramref name="localEndPoint"/>.</summary>
    public async Task RunSessionAsync(IDuplexPipe transport, EndPoint? localEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var port = localEndPoint is IPEndPoint ip ? ip.Port : 0;
        NfsLog.ConnectionOpened(_logger);
        var session = new NfsSession(_dispatcher, transport, port, _options, _logger);
        await session.RunAsync(cancellationToken).ConfigureAwait(false);
        NfsLog.ConnectionClosed(_logger);
    }
}
