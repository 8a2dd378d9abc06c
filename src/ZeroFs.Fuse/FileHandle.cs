using ZeroFs.Fuse.Inodes;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>
/// An open file or directory: the opener's uid, the open flags (to reopen by path after a reconnect)
/// and the open fid on one connection. Writes since the last fsync are tracked per connection so that
/// an fsync after a reconnect does not claim durability for data the old server may have dropped.
/// </summary>
internal sealed class FileHandle
{
    private readonly Lock _sync = new();
    private uint _fid;
    private int _generation;
    private int _unsyncedGeneration;

    public FileHandle(ulong id, Inode inode, uint uid, OpenFlags reopenFlags, bool isDirectory, uint fid, int generation)
    {
        Id = id;
        Inode = inode;
        Uid = uid;
        ReopenFlags = reopenFlags;
        IsDirectory = isDirectory;
        _fid = fid;
        _generation = generation;
    }

    /// <summary>The handle number given to the kernel (fi->fh).</summary>
    public ulong Id { get; }

    public Inode Inode { get; }

    /// <summary>The user that opened it; its reads and writes run with the rights of that open.</summary>
    public uint Uid { get; }

    /// <summary>Flags for Tlopen when the handle is reopened (no create, exclusive or truncate).</summary>
    public OpenFlags ReopenFlags { get; }

    public bool IsDirectory { get; }

    /// <summary>Set once a POSIX lock was taken through this handle (flush then releases the owner's locks).</summary>
    public bool UsedLocks { get; set; }

    /// <summary>The open fid if it belongs to connection <paramref name="generation"/>.</summary>
    public bool TryGetFid(int generation, out uint fid)
    {
        lock (_sync)
        {
            fid = _fid;
            return _generation == generation;
        }
    }

    /// <summary>Installs a fid opened on connection <paramref name="generation"/>; false (the caller clunks it) if another was installed first.</summary>
    public bool TrySetFid(uint fid, int generation, out uint current)
    {
        lock (_sync)
        {
            if (_generation == generation)
            {
                current = _fid;
                return false;
            }

            _fid = fid;
            _generation = generation;
            current = fid;
            return true;
        }
    }

    /// <summary>Notes a write acknowledged on connection <paramref name="generation"/>.</summary>
    public void MarkWritten(int generation)
    {
        lock (_sync)
        {
            _unsyncedGeneration = generation;
        }
    }

    /// <summary>
    /// Before an fsync on connection <paramref name="generation"/>: the connection that acknowledged
    /// unsynced writes when it is an older one (those writes may be lost), else 0. Clears the mark.
    /// </summary>
    public int TakeLostWrites(int generation)
    {
        lock (_sync)
        {
            var lost = _unsyncedGeneration != 0 && _unsyncedGeneration != generation ? _unsyncedGeneration : 0;
            _unsyncedGeneration = lost != 0 ? 0 : _unsyncedGeneration;
            return lost;
        }
    }

    /// <summary>After a successful fsync on connection <paramref name="generation"/>.</summary>
    public void MarkSynced(int generation)
    {
        lock (_sync)
        {
            if (_unsyncedGeneration == generation)
            {
                _unsyncedGeneration = 0;
            }
        }
    }

    /// <summary>The fid to clunk at release, if it belongs to the live connection <paramref name="generation"/>.</summary>
    public bool TryTakeFid(int generation, out uint fid)
    {
        lock (_sync)
        {
            fid = _fid;
            var live = _generation == generation;
            _generation = -1;
            return live;
        }
    }
}
