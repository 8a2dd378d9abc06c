using System.Text;
using ZeroFs.Fuse.Interop;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>
/// POSIX byte-range locks (fcntl F_GETLK / F_SETLK / F_SETLKW) as Tgetlock / Tlock. A lock owner is
/// the kernel's lock_owner (one per process file table): it becomes the 9P proc_id (folded to 32
/// bits) plus a client id naming this mount, so owners from different mounts never match.
/// </summary>
internal sealed partial class FuseFileSystem
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMilliseconds(250);

    private readonly byte[] _clientId = Encoding.ASCII.GetBytes($"zerofs-fuse/{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    public async Task GetlkAsync(nint request, ulong fileHandle, ulong lockOwner, LockRequest query)
    {
        try
        {
            var handle = GetHandle(fileHandle);
            var conflict = await CallAsync("getlk", replayable: true, (this, handle, lockOwner, query), static async (session, s) =>
            {
                var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                return await session.Client.GetlockAsync(fid, s.query.Type, s.query.Start, s.query.Length, LockOwnerId(s.lockOwner), s.Item1._clientId)
                    .ConfigureAwait(false);
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
            if (change.Type != LockType.Unlock)
            {
                handle.Inode.LocksUsed = true;
            }

            var pause = FirstRetry;
            while (true)
            {
                var flags = wait ? LockFlags.Block : LockFlags.None;
                var status = await CallAsync("setlk", replayable: change.Type == LockType.Unlock, (this, handle, lockOwner, change, flags), static async (session, s) =>
                {
                    var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                    return await session.Client.LockAsync(fid, s.change.Type, s.flags, s.change.Start, s.change.Length, LockOwnerId(s.lockOwner), s.Item1._clientId)
                        .ConfigureAwait(false);
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

    /// <summary>The 9P proc_id of a kernel lock owner.</summary>
    private static uint LockOwnerId(ulong lockOwner) => (uint)(lockOwner ^ (lockOwner >> 32));

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
