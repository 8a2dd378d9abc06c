using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Mount;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// MOUNT v3 on the NFS port. One export, <c>/</c>; MNT also resolves a path below it (component by
/// component with the caller's credentials, so search permission applies) and returns that directory's
/// handle. MNT records (host, path) for DUMP; UMNT and UMNTALL forget them. Nothing is enforced by
/// the record: NFS handles work without a MNT, as in every NFSv3 server.
/// </summary>
internal sealed class MountService
{
    private static readonly RpcAuthFlavor[] Flavors = [RpcAuthFlavor.Sys, RpcAuthFlavor.None];
    private static readonly ExportEntry[] Exports = [new ExportEntry("/"u8.ToArray(), [])];

    private readonly PosixFileSystem _fs;
    private readonly ulong _volume;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Host, string Path), byte> _mounts = new();

    public MountService(PosixFileSystem fs, NfsServerOptions options, ILogger logger)
    {
        _fs = fs;
        _volume = options.VolumeId;
        _logger = logger;
    }

    public async ValueTask HandleAsync(NfsCall call, CancellationToken cancellationToken)
    {
        switch ((MountProcedure)call.Procedure)
        {
            case MountProcedure.Null:
                RpcDispatcher.WriteHeaderOnly(call, RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.Success));
                break;
            case MountProcedure.Mount:
                if (RpcDispatcher.TryDecode<MountArgs>(call, out var mount))
                {
                    await MountAsync(call, mount, cancellationToken).ConfigureAwait(false);
                }

                break;
            case MountProcedure.Dump:
                var list = _mounts.Keys.Select(k => new MountEntry(Encoding.UTF8.GetBytes(k.Host), Encoding.UTF8.GetBytes(k.Path))).ToList();
                RpcDispatcher.Reply(call, new MountListReply(list));
                break;
            case MountProcedure.Unmount:
                if (RpcDispatcher.TryDecode<MountArgs>(call, out var unmount))
                {
                    var key = (Host(call), Encoding.UTF8.GetString(unmount.DirPath.Span));
                    _mounts.TryRemove(key, out _);
                    NfsLog.Unmounted(_logger, key.Item1, key.Item2);
                    RpcDispatcher.WriteHeaderOnly(call, RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.Success));
                }

                break;
            case MountProcedure.UnmountAll:
                var host = Host(call);
                foreach (var entry in _mounts.Keys.Where(k => k.Host == host))
                {
                    _mounts.TryRemove(entry, out _);
                }

                RpcDispatcher.WriteHeaderOnly(call, RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.Success));
                break;
            case MountProcedure.Export:
                RpcDispatcher.Reply(call, new ExportReply(Exports));
                break;
            default:
                RpcDispatcher.ProcedureUnavailable(call);
                break;
        }
    }

    private async ValueTask MountAsync(NfsCall call, MountArgs args, CancellationToken cancellationToken)
    {
        // An empty path is the export itself: libnfs sends "" for a URL naming a file in the root.
        var path = args.DirPath;
        if (path.Length > 0 && path.Span[0] != (byte)'/')
        {
            RpcDispatcher.Reply(call, new MountReply(MountStatus.NoEntry, default, []));
            return;
        }

        var current = await _fs.GetAttributesAsync(PosixFileSystem.RootId, cancellationToken).ConfigureAwait(false);
        var rest = path.IsEmpty ? path : path[1..];
        while (current.IsOk && !rest.IsEmpty)
        {
            var slash = rest.Span.IndexOf((byte)'/');
            var component = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? ReadOnlyMemory<byte>.Empty : rest[(slash + 1)..];
            if (component.IsEmpty || (component.Length == 1 && component.Span[0] == (byte)'.'))
            {
                continue;
            }

            current = await _fs.LookupAsync(call.Credentials, current.Value.Id, component, cancellationToken).ConfigureAwait(false);
        }

        if (!current.IsOk)
        {
            RpcDispatcher.Reply(call, new MountReply(NfsStatusMap.ToMount(current.Status), default, []));
            return;
        }

        if (current.Value.Type != FileType.Directory)
        {
            RpcDispatcher.Reply(call, new MountReply(MountStatus.NotDirectory, default, []));
            return;
        }

        var key = (Host(call), Encoding.UTF8.GetString(path.Span));
        _mounts[key] = 0;
        NfsLog.Mounted(_logger, key.Item1, key.Item2);
        RpcDispatcher.Reply(call, new MountReply(MountStatus.Ok, new NfsFileHandle(_volume, current.Value.Id, current.Value.Generation), Flavors));
    }

    private static string Host(NfsCall call) => call.MachineName.IsEmpty ? "" : Encoding.UTF8.GetString(call.MachineName.Span);
}
