using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>LOOKUP and READLINK.</summary>
internal sealed partial class Nfs3Service
{
    private async ValueTask LookupAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<DirOpArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await ResolveAsync(args.Dir, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new LookupReply(status, default, null, null));
            return;
        }

        var found = await _fs.LookupAsync(call.Credentials, dir.Id, args.Name, cancellationToken).ConfigureAwait(false);
        if (!found.IsOk)
        {
            RpcDispatcher.Reply(call, new LookupReply(NfsStatusMap.ToNfs3(found.Status), default, null, ToNfs3(dir)));
            return;
        }

        var attributes = found.Value;
        RpcDispatcher.Reply(call, new LookupReply(Nfs3Status.Ok, HandleOf(attributes), ToNfs3(attributes), ToNfs3(dir)));
    }

    private async ValueTask ReadLinkAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<HandleArgs>(call, out var args))
        {
            return;
        }

        var (status, attributes) = await ResolveAsync(args.Object, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new ReadLinkReply(status, null, default));
            return;
        }

        var target = await _fs.ReadLinkAsync(attributes.Id, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, target.IsOk
            ? new ReadLinkReply(Nfs3Status.Ok, ToNfs3(attributes), target.Value)
            : new ReadLinkReply(NfsStatusMap.ToNfs3(target.Status), ToNfs3(attributes), default));
    }
}
