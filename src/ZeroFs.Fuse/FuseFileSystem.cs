using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZeroFs.Fuse.Connection;
using ZeroFs.Fuse.Inodes;
using ZeroFs.Fuse.Interop;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using FileAttributes = ZeroFs.NineP.Client.FileAttributes;

namespace ZeroFs.Fuse;

/// <summary>
/// The FUSE-to-9P translation. Every operation is started by a libfuse callback on a worker thread,
/// runs asynchronously (so no worker ever waits on the network) and ends with exactly one
/// <c>fuse_reply_*</c> from whatever thread completes it; libfuse's reply functions are thread-safe.
/// </summary>
/// <remarks>
/// Requests run as the calling uid: each uid attaches lazily and gets its own fids, walked by path
/// from its root when needed, so the server's permission checks apply to every user of the mount.
/// When the connection drops, operations that can be replayed (reads, writes at an offset, lookups,
/// attribute reads and sets, readdir, fsync) retry on the next connection with their fids rebuilt by
/// path; the others (create, mkdir, unlink, rename, link, lock ...) fail with EIO.
/// </remarks>
internal sealed partial class FuseFileSystem
{
    /// <summary>How often a replayable request is tried across reconnects before it fails with EIO.</summary>
    private const int MaxAttempts = 4;

    private readonly ServerConnection _connection;
    private readonly InodeTable _inodes;
    private readonly ConcurrentDictionary<ulong, FileHandle> _handles = new();
    private readonly FuseMountOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly double _attributeTimeout;
    private readonly double _entryTimeout;
    private long _nextHandle;
    private int _inFlight;

    public FuseFileSystem(ServerConnection connection, Qid rootQid, FuseMountOptions options, ILogger logger, TimeProvider time)
    {
        _connection = connection;
        _inodes = new InodeTable(rootQid);
        _options = options;
        _logger = logger;
        _time = time;
        _attributeTimeout = options.AttributeTimeout.TotalSeconds;
        _entryTimeout = options.EntryTimeout.TotalSeconds;
    }

    /// <summary>The largest read and write the kernel should send: one 9P message, at most 1 MiB (libfuse's buffer).</summary>
    public uint MaxIOSize => (uint)Math.Min(_connection.Current.Client.MaxIOSize, 1024 * 1024);

    /// <summary>Inodes the kernel holds (for tests and diagnostics).</summary>
    public int InodeCount => _inodes.Count;

    /// <summary>Open files and directories (for tests and diagnostics).</summary>
    public int HandleCount => _handles.Count;

    /// <summary>Counts a request whose reply is still to come (see <see cref="DrainAsync"/>).</summary>
    public void Track(Task operation)
    {
        if (!operation.IsCompleted)
        {
            Interlocked.Increment(ref _inFlight);
            _ = operation.ContinueWith(static (_, state) => Interlocked.Decrement(ref ((FuseFileSystem)state!)._inFlight), this, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Waits (bounded) until every started request has replied, so the session can be freed under none of them.</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(10);
        while (Volatile.Read(ref _inFlight) > 0 && waited < limit)
        {
            await Task.Delay(step, _time).ConfigureAwait(false);
            waited += step;
        }
    }

    /// <summary>
    /// FUSE init: read and write sizes follow the negotiated msize, no splicing, the writeback cache
    /// when asked for, and the kernel clears setuid/setgid bits itself (no FUSE_CAP_HANDLE_KILLPRIV;
    /// libfuse 3.14 never passes that flag on anyway): it sends the clearing as a mode change, which the
    /// server accepts from any writer, so its attribute cache shows the cleared mode at once.
    /// </summary>
    public unsafe void Initialize(FuseConnectionInfo* connection)
    {
        var max = MaxIOSize;
        connection->MaxWrite = max;
        connection->MaxRead = max;
        connection->Want &= ~(FuseConnectionInfo.CapHandleKillPriv | FuseConnectionInfo.CapSpliceRead
            | FuseConnectionInfo.CapSpliceWrite | FuseConnectionInfo.CapSpliceMove);
        if ((connection->Capable & FuseConnectionInfo.CapAutoInvalData) != 0)
        {
            // Cached pages are kept across opens (keep_cache) and dropped when the attributes show a change.
            connection->Want |= FuseConnectionInfo.CapAutoInvalData;
        }

        if (_options.WritebackCache && (connection->Capable & FuseConnectionInfo.CapWritebackCache) != 0)
        {
            connection->Want |= FuseConnectionInfo.CapWritebackCache;
        }

        connection->MaxBackground = 64;
        connection->CongestionThreshold = 48;
        connection->TimeGranularity = 1;
        FuseLog.Initialized(_logger, connection->ProtocolMajor, connection->ProtocolMinor, connection->MaxWrite, connection->Capable, connection->Want);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a live connection. A closed connection triggers a reconnect;
    /// a replayable action then runs again on the new connection (its fids rebuilt by path), the others
    /// fail with EIO because the server may or may not have applied them.
    /// </summary>
    private async Task<T> CallAsync<TState, T>(string operation, bool replayable, TState state, Func<ServerSession, TState, Task<T>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            var session = await _connection.GetAsync().ConfigureAwait(false);
            try
            {
                return await action(session, state).ConfigureAwait(false);
            }
            catch (NinePConnectionClosedException)
            {
                _connection.ReportBroken(session);
                if (!replayable)
                {
                    FuseLog.NotReplayable(_logger, operation);
                    throw;
                }

                if (attempt >= MaxAttempts)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The fid of <paramref name="inode"/> for <paramref name="uid"/> on <paramref name="session"/>: cached, or walked from the user's root.</summary>
    private ValueTask<uint> GetFidAsync(ServerSession session, Inode inode, uint uid)
    {
        if (inode == _inodes.Root)
        {
            return new ValueTask<uint>(RootFidAsync(session, uid));
        }

        return inode.TryGetFid(uid, session.Generation, out var fid) ? new ValueTask<uint>(fid) : new ValueTask<uint>(WalkToAsync(session, inode, uid));
    }

    private static async Task<uint> RootFidAsync(ServerSession session, uint uid) => (await session.GetRootAsync(uid).ConfigureAwait(false)).Fid;

    /// <summary>Builds a fid for <paramref name="inode"/> by walking its last known path from the user's root (16 names per Twalk).</summary>
    private async Task<uint> WalkToAsync(ServerSession session, Inode inode, uint uid)
    {
        var path = _inodes.GetPath(inode) ?? throw new FuseErrnoException(Errors.ESTALE, "the file's name was removed; it cannot be found by path");
        var root = await session.GetRootAsync(uid).ConfigureAwait(false);
        var fid = root.Fid;
        var owned = false;
        var last = root.Qid;
        for (var start = 0; start < path.Length; start += NinePConstants.MaxWalkElements)
        {
            var count = Math.Min(NinePConstants.MaxWalkElements, path.Length - start);
            WalkResult walk;
            try
            {
                walk = await session.Client.WalkAsync(fid, path.AsSpan(start, count)).ConfigureAwait(false);
            }
            catch (NinePException ex) when (ex.Errno == Errors.ENOENT)
            {
                // The file is known (the kernel holds it) but its path is gone, e.g. a create the server
                // lost in a crash: stale, as NFS says, rather than a confusing ENOENT on an open descriptor.
                throw new FuseErrnoException(Errors.ESTALE, "the file's path no longer leads to it");
            }
            finally
            {
                if (owned)
                {
                    DropFid(session, fid);
                }
            }

            if (!walk.IsComplete)
            {
                throw new FuseErrnoException(Errors.ESTALE, "the file's path no longer leads to it");
            }

            fid = walk.Fid;
            owned = true;
            last = walk.Qids[^1];
        }

        if (!owned || last.Path != inode.QidPath)
        {
            if (owned)
            {
                DropFid(session, fid);
            }

            throw new FuseErrnoException(Errors.ESTALE, "the file's path now leads to another file");
        }

        var kept = inode.AddFid(uid, session.Generation, fid, out var surplus);
        if (surplus)
        {
            DropFid(session, fid);
        }

        return kept;
    }

    /// <summary>The open fid of <paramref name="handle"/> on <paramref name="session"/>, reopening the file by path after a reconnect.</summary>
    private ValueTask<uint> GetOpenFidAsync(ServerSession session, FileHandle handle) =>
        handle.TryGetFid(session.Generation, out var fid) ? new ValueTask<uint>(fid) : new ValueTask<uint>(ReopenAsync(session, handle));

    private async Task<uint> ReopenAsync(ServerSession session, FileHandle handle)
    {
        var nodeFid = await GetFidAsync(session, handle.Inode, handle.Uid).ConfigureAwait(false);
        var clone = await session.Client.WalkAsync(nodeFid, []).ConfigureAwait(false);
        try
        {
            await session.Client.LopenAsync(clone.Fid, handle.ReopenFlags).ConfigureAwait(false);
        }
        catch
        {
            DropFid(session, clone.Fid);
            throw;
        }

        if (!handle.TrySetFid(clone.Fid, session.Generation, out var current))
        {
            DropFid(session, clone.Fid);
        }

        FuseLog.Reopened(_logger, handle.Id);
        return current;
    }

    /// <summary>Walks <paramref name="name"/> in <paramref name="parent"/>, reads its attributes and records the lookup.</summary>
    private async Task<(Inode Inode, FileAttributes Attributes)> LookupCoreAsync(ServerSession session, Inode parent, byte[] name, uint uid)
    {
        var directoryFid = await GetFidAsync(session, parent, uid).ConfigureAwait(false);
        var walk = await session.Client.WalkAsync(directoryFid, [name]).ConfigureAwait(false);
        if (!walk.IsComplete)
        {
            throw new FuseErrnoException(Errors.ENOENT, "no such entry");
        }

        FileAttributes attributes;
        try
        {
            attributes = await session.Client.GetattrAsync(walk.Fid, GetattrMask.Basic).ConfigureAwait(false);
        }
        catch
        {
            DropFid(session, walk.Fid);
            throw;
        }

        var inode = _inodes.AddLookup(parent, name, walk.Qids[0]);
        inode.AddFid(uid, session.Generation, walk.Fid, out var surplus);
        if (surplus)
        {
            DropFid(session, walk.Fid);
        }

        return (inode, attributes);
    }

    private FileHandle AddHandle(Inode inode, uint uid, OpenFlags reopenFlags, bool isDirectory, uint fid, int generation)
    {
        var handle = new FileHandle((ulong)Interlocked.Increment(ref _nextHandle), inode, uid, reopenFlags, isDirectory, fid, generation);
        _handles[handle.Id] = handle;
        return handle;
    }

    private Inode GetInode(ulong ino) =>
        _inodes.TryGet(ino, out var inode) ? inode : throw new FuseErrnoException(Errors.ESTALE, "unknown inode");

    private FileHandle GetHandle(ulong id) =>
        _handles.TryGetValue(id, out var handle) ? handle : throw new FuseErrnoException(Errors.EBADF, "unknown file handle");

    private static void DropFid(ServerSession session, uint fid) => _ = ClunkQuietlyAsync(session, fid);

    private static async Task ClunkQuietlyAsync(ServerSession session, uint fid)
    {
        try
        {
            await session.Client.ClunkAsync(fid).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The fid is gone either way (a dead connection takes its fids with it).
        }
    }

    /// <summary>Answers a failed request with its errno; unexpected failures are logged.</summary>
    private void ReplyError(nint request, Exception exception, string operation)
    {
        if (!Errors.IsExpected(exception))
        {
            FuseLog.OperationFailed(_logger, operation, exception);
        }

        LibFuse.ReplyError(request, Errors.ToErrno(exception));
    }

    private static void ReplyOk(nint request) => LibFuse.ReplyError(request, 0);

    private unsafe void ReplyEntry(nint request, Inode inode, FileAttributes attributes)
    {
        var entry = new FuseEntryParameters { Ino = inode.Ino, AttributeTimeout = _attributeTimeout, EntryTimeout = _entryTimeout };
        Fill(ref entry.Attributes, attributes);
        if (LibFuse.ReplyEntry(request, &entry) != 0)
        {
            // The kernel never saw the entry (the request was interrupted): undo the lookup.
            Forget(inode.Ino, 1);
        }
    }

    private unsafe void ReplyAttributes(nint request, FileAttributes attributes)
    {
        var stat = default(NativeStat);
        Fill(ref stat, attributes);
        LibFuse.ReplyAttributes(request, &stat, _attributeTimeout);
    }

    private static void Fill(ref NativeStat stat, FileAttributes attributes)
    {
        stat.Ino = attributes.Qid.Path;
        stat.Mode = attributes.Mode;
        stat.LinkCount = attributes.LinkCount;
        stat.Uid = attributes.Uid;
        stat.Gid = attributes.Gid;
        stat.RDev = attributes.RDev;
        stat.Size = (long)attributes.Size;
        stat.BlockSize = attributes.BlockSize is > 0 and < int.MaxValue ? (long)attributes.BlockSize : 4096;
        stat.Blocks = (long)attributes.Blocks;
        stat.AtimeSeconds = (long)attributes.Atime.Seconds;
        stat.AtimeNanoseconds = (long)attributes.Atime.Nanoseconds;
        stat.MtimeSeconds = (long)attributes.Mtime.Seconds;
        stat.MtimeNanoseconds = (long)attributes.Mtime.Nanoseconds;
        stat.CtimeSeconds = (long)attributes.Ctime.Seconds;
        stat.CtimeNanoseconds = (long)attributes.Ctime.Nanoseconds;
    }
}
