using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server.Fids;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Tgetattr, Tsetattr, Tstatfs, Treadlink.</summary>
internal sealed partial class NinePSession
{
    /// <summary>statfs f_type: "ZERO", as ZeroFS reports it.</summary>
    private const uint FileSystemType = 0x5A45524F;

    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Tgetattr: every basic field plus the birth time, whatever the request mask (the protocol allows more).</summary>
    private async ValueTask GetattrAsync(NinePRequest request)
    {
        if (Tgetattr.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetPathFid(request, message.Fid, out var fid))
        {
            return;
        }

        var result = await _fs.GetAttributesAsync(fid.Inode, request.Cancellation.Token).ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        var a = result.Value;
        var (atimeSeconds, atimeNanoseconds) = SplitTime(a.Atime);
        var (mtimeSeconds, mtimeNanoseconds) = SplitTime(a.Mtime);
        var (ctimeSeconds, ctimeNanoseconds) = SplitTime(a.Ctime);
        var (btimeSeconds, btimeNanoseconds) = SplitTime(a.Crtime);
        var size = (ulong)Math.Max(0, a.Size);
        request.Write(new Rgetattr(
            GetattrMask.Basic | GetattrMask.Btime,
            Qids.Of(a),
            a.StMode,
            a.Uid,
            a.Gid,
            a.Nlink,
            a.Rdev,
            size,
            4096,
            (size + 511) / 512,
            atimeSeconds,
            atimeNanoseconds,
            mtimeSeconds,
            mtimeNanoseconds,
            ctimeSeconds,
            ctimeNanoseconds,
            btimeSeconds,
            btimeNanoseconds,
            0,
            0));
    }

    /// <summary>
    /// Tsetattr: MODE, UID, GID, SIZE and the two times (ATIME/MTIME without *_SET mean the server's now).
    /// CTIME alone asks for nothing the filesystem does not already do: any change sets ctime, and a
    /// request with no other field changes nothing.
    /// </summary>
    private async ValueTask SetattrAsync(NinePRequest request)
    {
        if (Tsetattr.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetPathFid(request, message.Fid, out var fid))
        {
            return;
        }

        var valid = message.Valid;
        if ((valid & SetattrMask.Size) != 0 && message.Size > long.MaxValue)
        {
            request.Error(P9Errno.EFBIG);
            return;
        }

        if (!TryTime(valid, SetattrMask.Atime, SetattrMask.AtimeSet, message.AtimeSeconds, message.AtimeNanoseconds, out var atime)
            || !TryTime(valid, SetattrMask.Mtime, SetattrMask.MtimeSet, message.MtimeSeconds, message.MtimeNanoseconds, out var mtime))
        {
            request.Error(P9Errno.EINVAL);
            return;
        }

        var changes = new SetAttributes
        {
            Mode = (valid & SetattrMask.Mode) != 0 ? message.Mode & 0xFFF : null,
            Uid = (valid & SetattrMask.Uid) != 0 ? message.Uid : null,
            Gid = (valid & SetattrMask.Gid) != 0 ? message.Gid : null,
            Size = (valid & SetattrMask.Size) != 0 ? (long)message.Size : null,
            Atime = atime,
            Mtime = mtime,
        };
        var result = await _fs.SetAttributesAsync(fid.Credentials, fid.Inode, changes, request.Cancellation.Token).ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        request.Write(default(Rsetattr));
    }

    /// <summary>Tstatfs: the filesystem's counters, in 4096-byte blocks.</summary>
    private void Statfs(NinePRequest request)
    {
        if (Tstatfs.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetPathFid(request, message.Fid, out _))
        {
            return;
        }

        var stats = _fs.GetStatistics();
        var blockSize = (ulong)stats.BlockSize;
        var blocks = ((ulong)stats.TotalBytes + blockSize - 1) / blockSize;
        var used = ((ulong)stats.UsedBytes + blockSize - 1) / blockSize;
        var free = blocks > used ? blocks - used : 0;
        request.Write(new Rstatfs(
            FileSystemType,
            (uint)stats.BlockSize,
            blocks,
            free,
            free,
            (ulong)stats.TotalInodes,
            (ulong)stats.FreeInodes,
            0,
            (uint)stats.MaxNameLength));
    }

    /// <summary>Treadlink: a symlink's target (EINVAL for other types).</summary>
    private async ValueTask ReadlinkAsync(NinePRequest request)
    {
        if (Treadlink.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetPathFid(request, message.Fid, out var fid))
        {
            return;
        }

        var result = await _fs.ReadLinkAsync(fid.Inode, request.Cancellation.Token).ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        request.Write(new Rreadlink(result.Value));
    }

    private static (ulong Seconds, ulong Nanoseconds) SplitTime(long nanoseconds)
    {
        var seconds = Math.DivRem(nanoseconds, NanosecondsPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += NanosecondsPerSecond;
        }

        return ((ulong)seconds, (ulong)remainder);
    }

    private static bool TryTime(SetattrMask valid, SetattrMask change, SetattrMask set, ulong seconds, ulong nanoseconds, out TimeSetting time)
    {
        time = TimeSetting.Omit;
        if ((valid & change) == 0)
        {
            return true;
        }

        if ((valid & set) == 0)
        {
            time = TimeSetting.Now;
            return true;
        }

        if (nanoseconds >= NanosecondsPerSecond || seconds > long.MaxValue / NanosecondsPerSecond - 1)
        {
            return false;
        }

        time = TimeSetting.At(((long)seconds * NanosecondsPerSecond) + (long)nanoseconds);
        return true;
    }
}
