using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>FSSTAT, FSINFO and PATHCONF: static figures and the filesystem's counters.</summary>
internal sealed partial class Nfs3Service
{
    /// <summary>Sizes are capped at 8 EiB (2^63 - 1) because some clients break on larger values.</summary>
    private const ulong MaxReportedBytes = long.MaxValue;

    private const uint ChunkSize = 32 * 1024;

    private async ValueTask FsStatAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<HandleArgs>(call, out var args))
        {
            return;
        }

        var (status, attributes) = await ResolveAsync(args.Object, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new FsStatReply(status, null, 0, 0, 0, 0, 0, 0, 0));
            return;
        }

        var stats = _fs.GetStatistics();
        var total = Math.Min((ulong)stats.TotalBytes, MaxReportedBytes);
        var free = Math.Min((ulong)stats.FreeBytes, total);
        RpcDispatcher.Reply(call, new FsStatReply(
            Nfs3Status.Ok, ToNfs3(attributes), total, free, free, (ulong)stats.TotalInodes, (ulong)stats.FreeInodes, (ulong)stats.FreeInodes, InvariantSeconds: 1));
    }

    private async ValueTask FsInfoAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<HandleArgs>(call, out var args))
        {
            return;
        }

        var (status, attributes) = await ResolveAsync(args.Object, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new FsInfoReply(status, null, 0, 0, 0, 0, 0, 0, 0, 0, default, default));
            return;
        }

        var max = (uint)_maxTransfer;
        RpcDispatcher.Reply(call, new FsInfoReply(
            Nfs3Status.Ok,
            ToNfs3(attributes),
            ReadMax: max,
            ReadPreferred: max,
            ReadMultiple: ChunkSize,
            WriteMax: max,
            WritePreferred: max,
            WriteMultiple: ChunkSize,
            DirectoryPreferred: Math.Min(max, 64 * 1024),
            MaxFileSize: Math.Min((ulong)_fs.Options.MaxFileSize, MaxReportedBytes),
            TimeDelta: new NfsTime(0, 1),
            FsInfoProperties.Link | FsInfoProperties.Symlink | FsInfoProperties.Homogeneous | FsInfoProperties.CanSetTime));
    }

    private async ValueTask PathConfAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<HandleArgs>(call, out var args))
        {
            return;
        }

        var (status, attributes) = await ResolveAsync(args.Object, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, status != Nfs3Status.Ok
            ? new PathConfReply(status, null, 0, 0, false, false, false, false)
            : new PathConfReply(Nfs3Status.Ok, ToNfs3(attributes), _fs.Options.MaxLinks, PosixFileSystem.MaxNameLength, NoTrunc: true, ChownRestricted: true, CaseInsensitive: false, CasePreserving: true));
    }
}
