using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>GETATTR, SETATTR (with its ctime guard) and ACCESS.</summary>
internal sealed partial class Nfs3Service
{
    private async ValueTask GetAttrAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<HandleArgs>(call, out var args))
        {
            return;
        }

        var (status, attributes) = await ResolveAsync(args.Object, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, new GetAttrReply(status, status == Nfs3Status.Ok ? ToNfs3(attributes) : default));
    }

    private async ValueTask SetAttrAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<SetAttrArgs>(call, out var args))
        {
            return;
        }

        var (status, before) = await ResolveAsync(args.Object, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new WccReply(status, default));
            return;
        }

        // The guard is checked against the attributes just read; a change racing in between is not
        // caught (the filesystem has no compare-and-set on ctime).
        if (args.GuardCtime is { } guard && guard != NfsTime.FromUnixNanoseconds(before.Ctime))
        {
            RpcDispatcher.Reply(call, new WccReply(Nfs3Status.NotSync, new WccData(AttributeMapping.ToWcc(before), ToNfs3(before))));
            return;
        }

        var changes = AttributeMapping.ToFileSystem(args.Attributes);
        if (changes is null)
        {
            RpcDispatcher.Reply(call, new WccReply(Nfs3Status.FileTooLarge, new WccData(AttributeMapping.ToWcc(before), ToNfs3(before))));
            return;
        }

        var result = await _fs.SetAttributesAsync(call.Credentials, before.Id, changes, cancellationToken).ConfigureAwait(false);
        var stable = await StableAsync(result.Status, before.Id, cancellationToken).ConfigureAwait(false);
        if (stable != result.Status)
        {
            result = stable;
        }

        var wcc = result.IsOk
            ? new WccData(AttributeMapping.ToWcc(before), ToNfs3(result.Value))
            : await WccAsync(before, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, new WccReply(NfsStatusMap.ToNfs3(result.Status), wcc));
    }

    private async ValueTask AccessAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<AccessArgs>(call, out var args))
        {
            return;
        }

        var (status, attributes) = await ResolveAsync(args.Object, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new AccessReply(status, null, AccessBits.None));
            return;
        }

        // Each ACCESS3 bit maps onto one access(2) check the filesystem makes (read, write, search/execute).
        var wanted = args.Access;
        var directory = attributes.Type == FileType.Directory;
        var writeBits = directory ? AccessBits.Modify | AccessBits.Extend | AccessBits.Delete : AccessBits.Modify | AccessBits.Extend;
        var executeBits = directory ? AccessBits.Lookup : AccessBits.Execute;
        var granted = AccessBits.None;
        if ((wanted & AccessBits.Read) != 0 && await AllowsAsync(call, attributes.Id, AccessMask.Read, cancellationToken).ConfigureAwait(false))
        {
            granted |= AccessBits.Read;
        }

        if ((wanted & writeBits) != 0 && await AllowsAsync(call, attributes.Id, AccessMask.Write, cancellationToken).ConfigureAwait(false))
        {
            granted |= wanted & writeBits;
        }

        if ((wanted & executeBits) != 0 && await AllowsAsync(call, attributes.Id, AccessMask.Execute, cancellationToken).ConfigureAwait(false))
        {
            granted |= wanted & executeBits;
        }

        RpcDispatcher.Reply(call, new AccessReply(Nfs3Status.Ok, ToNfs3(attributes), granted));
    }

    private async ValueTask<bool> AllowsAsync(NfsCall call, ulong id, AccessMask mask, CancellationToken cancellationToken) =>
        await _fs.AccessAsync(call.Credentials, id, mask, cancellationToken).ConfigureAwait(false) == FsStatus.Ok;
}
