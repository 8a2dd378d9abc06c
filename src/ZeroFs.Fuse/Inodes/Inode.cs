using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse.Inodes;

/// <summary>
/// A file the kernel knows by inode number. It keeps the last name it was found under (parent and
/// name), so that a fid can be rebuilt by walking from a root, for another user or after a reconnect,
/// and one fid per (uid, connection) for the requests of that user.
/// </summary>
internal sealed class Inode
{
    private readonly Lock _sync = new();
    private FidSlot[] _fids = [];
    private Dictionary<ulong, uint>? _lockOwners;

    public Inode(ulong ino, Qid qid, Inode? parent, byte[] name)
    {
        Ino = ino;
        QidPath = qid.Path;
        IsDirectory = (qid.Type & QidType.Directory) != 0;
        Parent = parent;
        Name = name;
    }

    /// <summary>The FUSE inode number (ours; never reused during the mount).</summary>
    public ulong Ino { get; }

    /// <summary>The server's file identity (qid.path), reported as st_ino.</summary>
    public ulong QidPath { get; }

    /// <summary>Whether it is a directory (qid type).</summary>
    public bool IsDirectory { get; }

    /// <summary>The directory it was last seen in; null for the root or once unlinked (guarded by the table's lock).</summary>
    public Inode? Parent { get; set; }

    /// <summary>Its name in <see cref="Parent"/> (guarded by the table's lock).</summary>
    public byte[] Name { get; set; }

    /// <summary>The name was removed; the file can no longer be found by path.</summary>
    public bool Detached { get; set; }

    /// <summary>
    /// Records that kernel lock owner <paramref name="owner"/> locks ranges of this file, and returns the
    /// 9P proc_id it locks with: the pid of its first lock request (<paramref name="pid"/>) for as long
    /// as it may hold locks here, so that its unlocks (which the kernel sends with pid 0) and its other
    /// threads name the same 9P owner, and F_GETLK of another process sees the holder's pid.
    /// </summary>
    public uint AddLockOwner(ulong owner, uint pid)
    {
        lock (_sync)
        {
            _lockOwners ??= [];
            if (!_lockOwners.TryGetValue(owner, out var recorded))
            {
                recorded = pid;
                _lockOwners[owner] = recorded;
            }

            return recorded;
        }
    }

    /// <summary>The proc_id <paramref name="owner"/> locks with, if it took a lock on this file.</summary>
    public bool TryGetLockOwner(ulong owner, out uint pid)
    {
        lock (_sync)
        {
            pid = 0;
            return _lockOwners is not null && _lockOwners.TryGetValue(owner, out pid);
        }
    }

    /// <summary>At close: forgets <paramref name="owner"/> (POSIX: any close drops the process's locks on the file) and returns its proc_id.</summary>
    public bool TryRemoveLockOwner(ulong owner, out uint pid)
    {
        lock (_sync)
        {
            pid = 0;
            return _lockOwners is not null && _lockOwners.Remove(owner, out pid);
        }
    }

    /// <summary>The kernel's lookup count (guarded by the table's lock).</summary>
    public ulong Lookups { get; set; }

    /// <summary>The fid of <paramref name="uid"/> on connection <paramref name="generation"/>, if any.</summary>
    public bool TryGetFid(uint uid, int generation, out uint fid)
    {
        lock (_sync)
        {
            foreach (var slot in _fids)
            {
                if (slot.Uid == uid && slot.Generation == generation)
                {
                    fid = slot.Fid;
                    return true;
                }
            }
        }

        fid = 0;
        return false;
    }

    /// <summary>
    /// Stores <paramref name="fid"/> unless the user already has one on that connection; returns the
    /// fid to use and whether <paramref name="fid"/> is surplus (the caller clunks it). Slots of dead
    /// connections are dropped (their fids died with the connection).
    /// </summary>
    public uint AddFid(uint uid, int generation, uint fid, out bool surplus)
    {
        lock (_sync)
        {
            var kept = 0;
            foreach (var slot in _fids)
            {
                if (slot.Generation == generation)
                {
                    if (slot.Uid == uid)
                    {
                        surplus = true;
                        return slot.Fid;
                    }

                    kept++;
                }
            }

            var next = new FidSlot[kept + 1];
            var i = 0;
            foreach (var slot in _fids)
            {
                if (slot.Generation == generation)
                {
                    next[i++] = slot;
                }
            }

            next[i] = new FidSlot(uid, fid, generation);
            _fids = next;
            surplus = false;
            return fid;
        }
    }

    /// <summary>Removes and returns the fids on connection <paramref name="generation"/> (at forget, to clunk them).</summary>
    public uint[] TakeFids(int generation)
    {
        lock (_sync)
        {
            var result = _fids.Where(s => s.Generation == generation).Select(s => s.Fid).ToArray();
            _fids = [];
            return result;
        }
    }

    private readonly record struct FidSlot(uint Uid, uint Fid, int Generation);
}
