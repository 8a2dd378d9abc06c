using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>REMOVE, RMDIR, RENAME and LINK, each durable before its reply (<see cref="StableAsync"/>).</summary>
internal sealed partial class Nfs3Service
{
    private async ValueTask RemoveAsync(NfsCall call, bool directory, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<DirOpArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await ResolveAsync(args.Dir, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new WccReply(status, default));
            return;
        }

        var removed = directory
            ? await _fs.RemoveDirectoryAsync(call.Credentials, dir.Id, args.Name, cancellationToken).ConfigureAwait(false)
            : await _fs.RemoveAsync(call.Credentials, dir.Id, args.Name, cancellationToken).ConfigureAwait(false);
        removed = await StableAsync(removed, dir.Id, cancellationToken).ConfigureAwait(false);
        var wcc = await WccAsync(dir, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, new WccReply(NfsStatusMap.ToNfs3(removed), wcc));
    }

    private async ValueTask RenameAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<RenameArgs>(call, out var args))
        {
            return;
        }

        var (status, from) = await ResolveAsync(args.From.Dir, cancellationToken).ConfigureAwait(false);
        var to = default(FileSystem.InodeAttributes);
        if (status == Nfs3Status.Ok)
        {
            (status, to) = await ResolveAsync(args.To.Dir, cancellationToken).ConfigureAwait(false);
        }

        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new RenameReply(status, default, default));
            return;
        }

        var renamed = await _fs.RenameAsync(call.Credentials, from.Id, args.From.Name, to.Id, args.To.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        renamed = await StableAsync(renamed, to.Id, cancellationToken).ConfigureAwait(false);
        var fromWcc = await WccAsync(from, cancellationToken).ConfigureAwait(false);
        var toWcc = to.Id == from.Id ? new WccData(AttributeMapping.ToWcc(to), fromWcc.After) : await WccAsync(to, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, new RenameReply(NfsStatusMap.ToNfs3(renamed), fromWcc, toWcc));
    }

    private async ValueTask LinkAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<LinkArgs>(call, out var args))
        {
            return;
        }

        var (status, file) = await ResolveAsync(args.File, cancellationToken).ConfigureAwait(false);
        var dir = default(FileSystem.InodeAttributes);
        if (status == Nfs3Status.Ok)
        {
            (status, dir) = await ResolveAsync(args.Link.Dir, cancellationToken).ConfigureAwait(false);
        }

        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new LinkReply(status, null, default));
            return;
        }

        var linked = await _fs.LinkAsync(call.Credentials, file.Id, dir.Id, args.Link.Name, cancellationToken).ConfigureAwait(false);
        var stable = await StableAsync(linked.Status, dir.Id, cancellationToken).ConfigureAwait(false);
        if (stable != linked.Status)
        {
            linked = stable;
        }

        var wcc = await WccAsync(dir, cancellationToken).ConfigureAwait(false);
        var fileAttributes = linked.IsOk ? ToNfs3(linked.Value) : await PostAttributesAsync(file.Id, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, new LinkReply(NfsStatusMap.ToNfs3(linked.Status), fileAttributes, wcc));
    }
}
