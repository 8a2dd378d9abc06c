using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// WRITE and COMMIT, with honest durability (DECISIONS.md 1): UNSTABLE writes are acknowledged as
/// UNSTABLE, DATA_SYNC and FILE_SYNC writes wait for the durability barrier and are acknowledged as
/// FILE_SYNC, and COMMIT is the barrier. With <see cref="NfsServerOptions.Async"/> every write is
/// acknowledged FILE_SYNC without waiting (fsync is not durable).
/// </summary>
internal sealed partial class Nfs3Service
{
    private async ValueTask WriteAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<WriteArgs>(call, out var args))
        {
            return;
        }

        var (status, before) = await ResolveAsync(args.File, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new WriteReply(status, default, 0, default, 0));
            return;
        }

        if (args.Count > args.Data.Length || args.Offset > long.MaxValue)
        {
            var refused = args.Offset > long.MaxValue ? Nfs3Status.FileTooLarge : Nfs3Status.InvalidArgument;
            RpcDispatcher.Reply(call, new WriteReply(refused, new WccData(AttributeMapping.ToWcc(before), ToNfs3(before)), 0, default, 0));
            return;
        }

        // The data is a slice of the call's pooled record buffer: no copy before the filesystem.
        var data = args.Data[..(int)args.Count];
        var result = await _fs.WriteAsync(call.Credentials, before.Id, (long)args.Offset, data, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            var wcc = await WccAsync(before, cancellationToken).ConfigureAwait(false);
            RpcDispatcher.Reply(call, new WriteReply(NfsStatusMap.ToNfs3(result.Status), wcc, 0, default, 0));
            return;
        }

        var committed = StableHow.FileSync;
        if (!_async)
        {
            if (args.Stable == StableHow.Unstable)
            {
                committed = StableHow.Unstable;
            }
            else
            {
                await _fs.FsyncAsync(before.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        NfsMetrics.BytesWritten.Add(data.Length);
        RpcDispatcher.Reply(call, new WriteReply(Nfs3Status.Ok, new WccData(AttributeMapping.ToWcc(before), ToNfs3(result.Value)), args.Count, committed, _writeVerifier));
    }

    private async ValueTask CommitAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<CommitArgs>(call, out var args))
        {
            return;
        }

        var (status, before) = await ResolveAsync(args.File, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new CommitReply(status, default, 0));
            return;
        }

        // The barrier covers every write acknowledged so far, not only this file's range.
        var synced = await _fs.FsyncAsync(before.Id, cancellationToken).ConfigureAwait(false);
        var wcc = await WccAsync(before, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, new CommitReply(NfsStatusMap.ToNfs3(synced), wcc, _writeVerifier));
    }
}
