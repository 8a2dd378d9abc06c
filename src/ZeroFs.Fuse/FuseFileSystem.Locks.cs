using System.Text;
using ZeroFs.Fuse.Interop;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>
/// POSIX byte-range locks (fcntl F_GETLK / F_SETLK / F_SETLKW) as Tgetlock / Tlock. The 9P owner is
/// (proc_id, client_id): client_id names this mount and the kernel's lock_owner (one per process file
/// table), so owners from different mounts or processes never match, and proc_id is the locking
/// process's pid (kept per file and owner, see <see cref="Inodes.Inode.AddLockOwner"/>), which the
/// server reports back for F_GETLK.
/// </summary>
internal sealed partial class FuseFileSystem
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMilliseconds(250);

    private readonly string _clientId = $"zerofs-fuse/{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task GetlkAsync(nint request, ulong fileHandle, ulong lockOwner, LockRequest query)
    {
        try
        {
            var handle = GetHandle(fileHandle);
            handle.Inode.TryGetLockOwner(lockOwner, out var pid);
            var conflict = await CallAsync("getlk", replayable: true, (this, handle, pid, clientId: LockClientId(lockOwner), query), static async (session, s) =>
            {
                var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                return await session.Client.GetlockAsync(fid, s.query.Type, s.query.Start, s.query.Length, s.pid, s.clientId).ConfigureAwait(false);
            }).ConfigureAwait(false);
            ReplyLock(request, conflict);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "getlk");
        }
    }

    /// <summary>
    /// F_SETLK answers EAGAIN on a conflict; F_SETLKW (<paramref name="wait"/>) asks again with a
    /// growing pause (the server never blocks a Tlock) until it succeeds or the caller is interrupted
    /// (EINTR). The waiting is asynchronous: no FUSE worker is held.
    /// </summary>
    public async Task SetlkAsync(nint request, ulong fileHandle, ulong lockOwner, LockRequest change, bool wait)
    {
        try
        {
            var handle = GetHandle(fileHandle);
            uint pid;
            if (change.Type != LockType.Unlock)
            {
                pid = handle.Inode.AddLockOwner(lockOwner, change.Pid);
            }
            else if (!handle.Inode.TryGetLockOwner(lockOwner, out pid))
            {
                ReplyOk(request); // the owner never locked this file here: nothing to release
                return;
            }

            var clientId = LockClientId(lockOwner);

            var pause = FirstRetry;
            while (true)
            {
                var flags = wait ? LockFlags.Block : LockFlags.None;
                var status = await CallAsync("setlk", replayable: change.Type == LockType.Unlock, (this, handle, pid, clientId, change, flags), static async (session, s) =>
                {
                    var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                    return await session.Client.LockAsync(fid, s.change.Type, s.flags, s.change.Start, s.change.Length, s.pid, s.clientId).ConfigureAwait(false);
                }).ConfigureAwait(false);
                switch (status)
                {
                    case LockStatus.Success:
                        ReplyOk(request);
                        return;
                    case LockStatus.Blocked when !wait:
                        LibFuse.ReplyError(request, Errors.EAGAIN);
                        return;
                    case LockStatus.Blocked or LockStatus.Grace:
                        if (LibFuse.RequestInterrupted(request) != 0)
                        {
                            LibFuse.ReplyError(request, Errors.EINTR);
                            return;
                        }

                        await Task.Delay(pause, _time).ConfigureAwait(false);
                        pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxRetry.Ticks));
                        break;
                    default:
                        LibFuse.ReplyError(request, 37); // ENOLCK
                        return;
                }
            }
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "setlk");
        }
    }

    /// <summary>The 9P client_id of a kernel lock owner on this mount.</summary>
    private byte[] LockClientId(ulong lockOwner) => Encoding.ASCII.GetBytes($"{_clientId}/{lockOwner:x16}");

    private static unsafe void ReplyLock(nint request, LockInfo conflict)
    {
        var flock = new NativeFlock { Type = NativeFlock.Unlock };
        if (conflict.LockType != LockType.Unlock)
        {
            flock.Type = (short)conflict.LockType;
            flock.Start = (long)conflict.Start;
            flock.Length = (long)conflict.Length;
            flock.Pid = (int)conflict.ProcessId;
        }

        LibFuse.ReplyLock(request, &flock);
    }
}
