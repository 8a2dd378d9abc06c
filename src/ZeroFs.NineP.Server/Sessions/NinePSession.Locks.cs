using System.Buffers;
using System.Text;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server.Fids;
using ZeroFs.NineP.Server.Locks;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Tlock and Tgetlock over the server's <see cref="PosixLockTable"/>.</summary>
internal sealed partial class NinePSession
{
    /// <summary>
    /// Tlock: places or releases a byte-range lock for the owner (this session, client_id, proc_id). A
    /// conflict answers BLOCKED at once, with or without the BLOCK flag: the Linux client retries.
    /// Any lock needs an open fid (EBADF otherwise), whatever its open mode: the Linux client also
    /// implements flock(2) with Tlock, and flock(LOCK_EX) on a read-only descriptor is legal; for fcntl
    /// locks the client's kernel has already checked the descriptor's mode. Locks are released when the fid they were placed through is clunked, and when the session ends.
    /// </summary>
    private void Lock(NinePRequest request)
    {
        if (Tlock.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetLockFid(request, message.Fid, message.LockType, out var fid))
        {
            return;
        }

        var owner = new LockOwner(_id, message.ProcessId, Encoding.Latin1.GetString(message.ClientId));
        var (start, end) = LockRange.FromWire(message.Start, message.Length);
        var status = _server.Locks.Set(fid.Inode, owner, message.LockType, start, end);
        if (status == LockStatus.Success && message.LockType != LockType.Unlock)
        {
            lock (_sync)
            {
                var owners = fid.LockOwners ??= [];
                if (!owners.Contains(owner))
                {
                    owners.Add(owner);
                }
            }
        }

        request.Write(new Rlock(status));
    }

    /// <summary>Tgetlock: the first conflicting lock of another owner, or the request echoed with type UNLCK.</summary>
    private void Getlock(NinePRequest request)
    {
        if (Tgetlock.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetLockFid(request, message.Fid, message.LockType, out var fid))
        {
            return;
        }

        var owner = new LockOwner(_id, message.ProcessId, Encoding.Latin1.GetString(message.ClientId));
        var (start, end) = LockRange.FromWire(message.Start, message.Length);
        if (_server.Locks.TryGetConflict(fid.Inode, owner, message.LockType, start, end, out var conflict))
        {
            request.Write(new Rgetlock(
                conflict.Type, conflict.Start, conflict.WireLength, conflict.Owner.ProcessId, Encoding.Latin1.GetBytes(conflict.Owner.ClientId)));
            return;
        }

        request.Write(new Rgetlock(LockType.Unlock, message.Start, message.Length, message.ProcessId, message.ClientId));
    }

    private bool TryGetLockFid(NinePRequest request, uint number, LockType type, out Fid fid)
    {
        if (!TryGetPathFid(request, number, out fid))
        {
            return false;
        }

        var errno = type switch
        {
            LockType.Read or LockType.Write or LockType.Unlock => fid.IsOpen ? 0 : P9Errno.EBADF,
            _ => P9Errno.EINVAL,
        };
        if (errno != 0)
        {
            request.Error(errno);
            return false;
        }

        return true;
    }
}
