using System.Buffers;
using System.IO.Pipelines;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Client;

/// <summary>
/// An async 9P2000.L client over one duplex pipe. Any number of callers may issue requests at once:
/// each gets a free tag (tags are reused), one read loop matches replies by tag in whatever order
/// they arrive, and a cancelled request is flushed (Tflush) with its tag held until Rflush.
/// Rlerror surfaces as <see cref="NinePException"/> with the Linux errno; a lost connection fails
/// every pending and later request with <see cref="NinePConnectionClosedException"/>.
/// </summary>
/// <remarks>
/// Fids are plain numbers allocated by the client: methods that create a fid (attach, walk,
/// xattrwalk) return it, and <see cref="ClunkAsync"/> / <see cref="RemoveAsync"/> free it. A fid
/// whose creating request was cancelled is never reused, since the server may have created it.
/// </remarks>
public sealed partial class NinePClient : IAsyncDisposable
{
    private readonly IDuplexPipe _transport;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _tagSlots;
    private readonly PendingRequest?[] _pending = new PendingRequest?[NinePConstants.NoTag];
    private readonly Stack<ushort> _freeTags = new();
    private readonly Stack<ushort> _freeFlushTags = new();
    private readonly int _maxInFlight;
    private readonly bool _inlineContinuations;
    private readonly Stack<uint> _freeFids = new();
    private readonly Lock _sync = new();
    private readonly CancellationTokenSource _disposed = new();
    private uint _nextFid;
    private Exception? _closed;
    private Task _readLoop = Task.CompletedTask;

    private NinePClient(IDuplexPipe transport, uint messageSize, int maxInFlight, bool inlineContinuations)
    {
        _inlineContinuations = inlineContinuations;
        _transport = transport;
        MessageSize = messageSize;
        // No maximum count: FailAll over-releases it so that callers waiting for a tag wake up and fail.
        _tagSlots = new SemaphoreSlim(maxInFlight);
        _maxInFlight = maxInFlight;
        for (var tag = maxInFlight - 1; tag >= 0; tag--)
        {
            _freeTags.Push((ushort)tag);
            _freeFlushTags.Push((ushort)(maxInFlight + tag));
        }
    }

    /// <summary>Gets the negotiated msize: the largest frame either side may send.</summary>
    public uint MessageSize { get; }

    /// <summary>Gets the largest read or write payload in one message (msize minus the I/O header).</summary>
    public int MaxIOSize => (int)MessageSize - NinePConstants.IOHeaderSize;

    /// <summary>Gets a value indicating whether the connection is closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) is not null;

    /// <summary>
    /// Negotiates the version (Tversion "9P2000.L" and the proposed msize) and starts the read loop.
    /// </summary>
    /// <param name="transport">The connection.</param>
    /// <param name="options">Settings, or null for defaults.</param>
    /// <param name="cancellationToken">Cancels the negotiation.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="NinePProtocolException">The server does not speak 9P2000.L or offers an invalid msize.</exception>
    /// <exception cref="NinePConnectionClosedException">The connection closed during negotiation.</exception>
    public static async Task<NinePClient> StartAsync(IDuplexPipe transport, NinePClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new NinePClientOptions();
        options.Validate();
        var messageSize = await NegotiateAsync(transport, options.MessageSize, cancellationToken).ConfigureAwait(false);
        var client = new NinePClient(transport, messageSize, options.MaxInFlight, options.InlineContinuations);
        client._readLoop = client.ReadLoopAsync();
        return client;
    }

    /// <summary>Connects to <paramref name="endpoint"/> (<c>host:port</c> or <c>unix:/path</c>) and negotiates the version.</summary>
    /// <param name="endpoint">Where the server listens.</param>
    /// <param name="options">Settings, or null for defaults.</param>
    /// <param name="cancellationToken">Cancels connecting and negotiation.</param>
    /// <returns>The connected client.</returns>
    public static async Task<NinePClient> ConnectAsync(string endpoint, NinePClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        var transport = await NinePEndpoint.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            return await StartAsync(transport, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await transport.Output.CompleteAsync().ConfigureAwait(false);
            await transport.Input.CompleteAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Takes a fid number that is not in use.</summary>
    /// <returns>The fid.</returns>
    public uint AllocateFid()
    {
        lock (_sync)
        {
            return _freeFids.Count > 0 ? _freeFids.Pop() : _nextFid++;
        }
    }

    /// <summary>Returns a fid number to the pool (done by <see cref="ClunkAsync"/> and <see cref="RemoveAsync"/>).</summary>
    /// <param name="fid">A fid the server no longer knows.</param>
    public void ReleaseFid(uint fid)
    {
        lock (_sync)
        {
            _freeFids.Push(fid);
        }
    }

    /// <summary>Closes the connection; pending requests fail with <see cref="NinePConnectionClosedException"/>.</summary>
    /// <returns>A task that completes when the read loop has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        FailAll(new NinePConnectionClosedException("the client was disposed"));

        // Never complete the writer under a sender's feet: unblock a flush stuck on back-pressure, then take the lock.
        _transport.Output.CancelPendingFlush();
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        await _readLoop.ConfigureAwait(false);
        _disposed.Dispose();
    }

    private static async Task<uint> NegotiateAsync(IDuplexPipe transport, uint proposed, CancellationToken cancellationToken)
    {
        NinePWriter.WriteFrame(transport.Output, NinePConstants.NoTag, new Tversion(proposed, NinePConstants.Version));
        await transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var result = await transport.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = NinePFrame.TryReadFrame(buffer, proposed, out var header, out var end);
            if (status == OperationStatus.Done)
            {
                var negotiated = ParseRversion(buffer, header, proposed);
                transport.Input.AdvanceTo(end);
                return negotiated;
            }

            transport.Input.AdvanceTo(buffer.Start, buffer.End);
            if (status == OperationStatus.InvalidData)
            {
                throw new NinePProtocolException("the reply to Tversion is not a valid frame within the proposed msize");
            }

            if (result.IsCompleted)
            {
                throw new NinePConnectionClosedException("the connection closed during version negotiation");
            }
        }
    }

    private static uint ParseRversion(in ReadOnlySequence<byte> buffer, in FrameHeader header, uint proposed)
    {
        using var body = ContiguousBody.Create(NinePFrame.GetBody(buffer, header));
        if (header.Type == MessageType.Rlerror && Rlerror.TryParse(body.Span, out var error) == OperationStatus.Done)
        {
            throw new NinePException(error.Errno, MessageType.Tversion);
        }

        if (header.Type != MessageType.Rversion || Rversion.TryParse(body.Span, out var reply) != OperationStatus.Done)
        {
            throw new NinePProtocolException($"Tversion was answered with a malformed {header.Type}");
        }

        if (!reply.Version.SequenceEqual(NinePConstants.Version))
        {
            throw new NinePProtocolException($"the server does not speak 9P2000.L (it answered {reply.ToString()})");
        }

        if (reply.MessageSize > proposed || reply.MessageSize < NinePClientOptions.MinimumMessageSize)
        {
            throw new NinePProtocolException($"the server offered msize {reply.MessageSize}; expected {NinePClientOptions.MinimumMessageSize}..{proposed}");
        }

        return reply.MessageSize;
    }
}
