using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Server.Locks;
using ZeroFs.NineP.Server.Sessions;

namespace ZeroFs.NineP.Server;

/// <summary>
/// The 9P2000.L server over one <see cref="PosixFileSystem"/>. Each connection is a session served by
/// <see cref="RunSessionAsync"/> over any duplex pipe (Kestrel TCP or Unix socket through
/// <see cref="NinePConnectionHandler"/>, a WebSocket adapter, or in-memory pipes in tests). Sessions are
/// independent except for POSIX byte-range locks, which the server keeps for all of them so that
/// conflicts are seen across connections.
/// </summary>
public sealed class NinePServer
{
    private readonly ILogger _logger;
    private long _nextSession;

    /// <summary>Creates a server.</summary>
    /// <param name="fileSystem">The filesystem every session serves.</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public NinePServer(PosixFileSystem fileSystem, NinePServerOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        FileSystem = fileSystem;
        Options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ZeroFs.NineP.Server");
    }

    /// <summary>Gets the filesystem served.</summary>
    public PosixFileSystem FileSystem { get; }

    /// <summary>Gets the settings.</summary>
    public NinePServerOptions Options { get; }

    internal PosixLockTable Locks { get; } = new();

    internal ILogger Logger => _logger;

    /// <summary>
    /// Serves one connection until the client closes it, breaks the framing, or
    /// <paramref name="cancellationToken"/> fires; then waits for its requests to finish, releases every
    /// fid (open handles, pending xattr writes) and lock the session held, and completes both sides of
    /// <paramref name="transport"/>. Never throws for anything the peer sends.
    /// </summary>
    /// <param name="transport">The connection.</param>
    /// <param name="cancellationToken">Ends the session (e.g. Kestrel's <c>ConnectionClosed</c>).</param>
    /// <returns>A task that completes when the session has released everything.</returns>
    public Task RunSessionAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var session = new NinePSession(this, transport, Interlocked.Increment(ref _nextSession));
        return session.RunAsync(cancellationToken);
    }
}
