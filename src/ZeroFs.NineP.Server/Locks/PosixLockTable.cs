using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server.Locks;

/// <summary>
/// Advisory POSIX byte-range locks (fcntl F_SETLK/F_GETLK semantics), kept in server memory for every
/// session of one server, per inode. A request conflicts with a range of another owner that overlaps it
/// when either is a write lock. An owner's own ranges are replaced where the new request covers them
/// (split at its edges) and merged with adjacent or overlapping ranges of the same type. Nothing is
/// persisted: locks vanish on restart, as in ZeroFS.
/// </summary>
internal sealed class PosixLockTable
{
    private readonly Lock _sync = new();
    private readonly Dictionary<ulong, List<LockRange>> _byInode = [];

    /// <summary>
    /// Places (<see cref="LockType.Read"/>, <see cref="LockType.Write"/>) or releases
    /// (<see cref="LockType.Unlock"/>) <c>[start, end)</c> for <paramref name="owner"/>.
    /// </summary>
    /// <returns>Success, or Blocked when another owner holds a conflicting range (nothing changes).</returns>
    public LockStatus Set(ulong inode, LockOwner owner, LockType type, ulong start, ulong end)
    {
        lock (_sync)
        {
            _byInode.TryGetValue(inode, out var ranges);
            if (type != LockType.Unlock && ranges is not null && FindConflict(ranges, owner, type, start, end) >= 0)
            {
                return LockStatus.Blocked;
            }

            if (ranges is null)
            {
                if (type == LockType.Unlock)
                {
                    return LockStatus.Success;
                }

                ranges = [];
                _byInode[inode] = ranges;
            }

            Carve(ranges, owner, start, end);
            if (type != LockType.Unlock)
            {
                Insert(ranges, new LockRange(owner, type, start, end));
            }

            if (ranges.Count == 0)
            {
                _byInode.Remove(inode);
            }

            return LockStatus.Success;
        }
    }

    /// <summary>F_GETLK: the first range of another owner that would block the request, if any.</summary>
    public bool TryGetConflict(ulong inode, LockOwner owner, LockType type, ulong start, ulong end, out LockRange conflict)
    {
        lock (_sync)
        {
            if (type != LockType.Unlock && _byInode.TryGetValue(inode, out var ranges))
            {
                var index = FindConflict(ranges, owner, type, start, end);
                if (index >= 0)
                {
                    conflict = ranges[index];
                    return true;
                }
            }

            conflict = default;
            return false;
        }
    }

    /// <summary>Releases every range <paramref name="owner"/> holds on <paramref name="inode"/> (close of a descriptor).</summary>
    public void ReleaseOwner(ulong inode, LockOwner owner)
    {
        lock (_sync)
        {
            if (_byInode.TryGetValue(inode, out var ranges))
            {
                ranges.RemoveAll(r => r.Owner == owner);
                if (ranges.Count == 0)
                {
                    _byInode.Remove(inode);
                }
            }
        }
    }

    /// <summary>Releases every range held by any owner of <paramref name="session"/> (disconnect).</summary>
    public void ReleaseSession(long session)
    {
        lock (_sync)
        {
            List<ulong>? empty = null;
            foreach (var (inode, ranges) in _byInode)
            {
                ranges.RemoveAll(r => r.Owner.Session == session);
                if (ranges.Count == 0)
                {
                    (empty ??= []).Add(inode);
                }
            }

            if (empty is not null)
            {
                foreach (var inode in empty)
                {
                    _byInode.Remove(inode);
                }
            }
        }
    }

    /// <summary>A snapshot of the ranges on <paramref name="inode"/>, ordered by owner then start (for tests).</summary>
    public IReadOnlyList<LockRange> Snapshot(ulong inode)
    {
        lock (_sync)
        {
            return _byInode.TryGetValue(inode, out var ranges)
                ? [.. ranges.OrderBy(r => r.Owner.Session).ThenBy(r => r.Owner.ProcessId).ThenBy(r => r.Start)]
                : [];
        }
    }

    private static int FindConflict(List<LockRange> ranges, LockOwner owner, LockType type, ulong start, ulong end)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            if (range.Owner != owner && range.Overlaps(start, end) && (type == LockType.Write || range.Type == LockType.Write))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes <c>[start, end)</c> from the owner's ranges, keeping the parts outside it.</summary>
    private static void Carve(List<LockRange> ranges, LockOwner owner, ulong start, ulong end)
    {
        for (var i = ranges.Count - 1; i >= 0; i--)
        {
            var range = ranges[i];
            if (range.Owner != owner || !range.Overlaps(start, end))
            {
                continue;
            }

            ranges.RemoveAt(i);
            if (range.Start < start)
            {
                ranges.Add(range with { End = start });
            }

            if (range.End > end)
            {
                ranges.Add(range with { Start = end });
            }
        }
    }

    /// <summary>Adds a range after <see cref="Carve"/>, merging it with touching ranges of the same owner and type.</summary>
    private static void Insert(List<LockRange> ranges, LockRange added)
    {
        for (var i = ranges.Count - 1; i >= 0; i--)
        {
            var range = ranges[i];
            if (range.Owner == added.Owner && range.Type == added.Type && (range.End == added.Start || range.Start == added.End))
            {
                ranges.RemoveAt(i);
                added = added with { Start = Math.Min(range.Start, added.Start), End = Math.Max(range.End, added.End) };
            }
        }

        ranges.Add(added);
    }
}
