using System.Collections.Concurrent;
using System.Text;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse.Inodes;

/// <summary>
/// The kernel's inode numbers and what they name. An inode number is handed out the first time the
/// server's qid.path is seen and lives until the kernel forgets every lookup of it; hard links share
/// it. A (parent, name) index follows renames and unlinks so that each inode's path stays walkable.
/// </summary>
internal sealed class InodeTable
{
    private readonly ConcurrentDictionary<ulong, Inode> _byIno = new();
    private readonly Dictionary<ulong, Inode> _byQid = [];
    private readonly Dictionary<EntryKey, Inode> _byName = [];
    private readonly Lock _sync = new();
    private ulong _nextIno = Interop.LibFuse.RootId + 1;

    public InodeTable(Qid rootQid)
    {
        Root = new Inode(Interop.LibFuse.RootId, rootQid, null, []) { Lookups = 1 };
        _byIno[Root.Ino] = Root;
        _byQid[Root.QidPath] = Root;
    }

    /// <summary>The mount's root (inode 1; never forgotten).</summary>
    public Inode Root { get; }

    /// <summary>How many inodes the kernel holds.</summary>
    public int Count => _byIno.Count;

    public bool TryGet(ulong ino, out Inode inode) => _byIno.TryGetValue(ino, out inode!);

    /// <summary>Records a successful lookup of <paramref name="name"/> in <paramref name="parent"/>: the inode (new or known) with its lookup count raised by one.</summary>
    public Inode AddLookup(Inode parent, ReadOnlySpan<byte> name, Qid qid)
    {
        var key = new EntryKey(parent.Ino, Encoding.Latin1.GetString(name));
        lock (_sync)
        {
            if (!_byQid.TryGetValue(qid.Path, out var inode))
            {
                inode = new Inode(_nextIno++, qid, parent, name.ToArray());
                _byQid[qid.Path] = inode;
                _byIno[inode.Ino] = inode;
            }
            else if (inode != Root)
            {
                Unindex(inode);
                inode.Parent = parent;
                inode.Name = name.ToArray();
                inode.Detached = false;
            }

            if (inode != Root)
            {
                if (_byName.TryGetValue(key, out var previous) && previous != inode)
                {
                    previous.Detached = true;
                }

                _byName[key] = inode;
            }

            inode.Lookups++;
            return inode;
        }
    }

    /// <summary>Lowers the lookup count; returns true (and drops the inode) when it reaches zero.</summary>
    public bool Forget(Inode inode, ulong count)
    {
        if (inode == Root)
        {
            return false;
        }

        lock (_sync)
        {
            inode.Lookups = count >= inode.Lookups ? 0 : inode.Lookups - count;
            if (inode.Lookups > 0)
            {
                return false;
            }

            _byIno.TryRemove(inode.Ino, out _);
            _byQid.Remove(inode.QidPath);
            Unindex(inode);
            return true;
        }
    }

    /// <summary>The name <paramref name="name"/> in <paramref name="parent"/> was removed on the server.</summary>
    public void Removed(Inode parent, ReadOnlySpan<byte> name)
    {
        var key = new EntryKey(parent.Ino, Encoding.Latin1.GetString(name));
        lock (_sync)
        {
            if (_byName.Remove(key, out var inode))
            {
                inode.Detached = true;
            }
        }
    }

    /// <summary>The name moved on the server; whatever the target name held is gone. Returns the moved inode if known.</summary>
    public Inode? Renamed(Inode parent, ReadOnlySpan<byte> name, Inode newParent, ReadOnlySpan<byte> newName)
    {
        var from = new EntryKey(parent.Ino, Encoding.Latin1.GetString(name));
        var to = new EntryKey(newParent.Ino, Encoding.Latin1.GetString(newName));
        lock (_sync)
        {
            if (_byName.Remove(to, out var replaced))
            {
                replaced.Detached = true;
            }

            if (_byName.Remove(from, out var moved))
            {
                moved.Parent = newParent;
                moved.Name = newName.ToArray();
                _byName[to] = moved;
            }

            return moved;
        }
    }

    /// <summary>Every inode the kernel holds (a snapshot).</summary>
    public ICollection<Inode> All => _byIno.Values;

    /// <summary>The names from the root to <paramref name="inode"/>, or null when some step was removed.</summary>
    public byte[][]? GetPath(Inode inode)
    {
        lock (_sync)
        {
            var names = new List<byte[]>();
            for (var current = inode; current != Root; current = current.Parent)
            {
                if (current is null || current.Detached || current.Parent is null || names.Count > 4096)
                {
                    return null;
                }

                names.Add(current.Name);
            }

            names.Reverse();
            return [.. names];
        }
    }

    private void Unindex(Inode inode)
    {
        if (inode.Parent is { } parent)
        {
            var key = new EntryKey(parent.Ino, Encoding.Latin1.GetString(inode.Name));
            if (_byName.TryGetValue(key, out var current) && current == inode)
            {
                _byName.Remove(key);
            }
        }
    }

    private readonly record struct EntryKey(ulong ParentIno, string Name);
}
