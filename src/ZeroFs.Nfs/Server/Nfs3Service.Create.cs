using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// CREATE (UNCHECKED, GUARDED, EXCLUSIVE), MKDIR, SYMLINK and MKNOD. The mode is applied at creation;
/// any other initial attribute (owner, group, size, times) follows as a setattr by the caller.
/// EXCLUSIVE stores the client's verifier in the new file's atime and mtime seconds, as knfsd does:
/// a retransmitted CREATE finds the same verifier and succeeds with the same file; the client then
/// sets the real times with SETATTR.
/// </summary>
internal sealed partial class Nfs3Service
{
    private const uint DefaultFileMode = 0x1A4; // 0644
    private const uint DefaultDirectoryMode = 0x1ED; // 0755
    private const uint ExclusiveMode = 0x180; // 0600 until the client's SETATTR

    private async ValueTask CreateAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<CreateArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await ResolveAsync(args.Where.Dir, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new CreateReply(status, null, null, default));
            return;
        }

        var credentials = call.Credentials;
        var name = args.Where.Name;
        FsResult<InodeAttributes> result;
        if (args.Mode == CreateMode.Exclusive)
        {
            result = await CreateExclusiveAsync(credentials, dir.Id, name, args.Verifier, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var mode = args.Attributes.Mode ?? DefaultFileMode;
            result = await _fs.CreateAsync(credentials, dir.Id, name, mode, exclusive: true, cancellationToken).ConfigureAwait(false);
            var rest = args.Attributes with { Mode = null };
            if (result.Status == FsStatus.Exists && args.Mode == CreateMode.Unchecked)
            {
                // UNCHECKED on an existing file: no error, and only a size (truncation) is applied.
                result = await _fs.CreateAsync(credentials, dir.Id, name, mode, exclusive: false, cancellationToken).ConfigureAwait(false);
                rest = new Nfs3SetAttributes(null, null, null, args.Attributes.Size, default, default);
            }

            if (result.IsOk && !rest.IsEmpty)
            {
                result = await ApplyAsync(credentials, result.Value.Id, rest, cancellationToken).ConfigureAwait(false);
            }
        }

        await ReplyCreatedAsync(call, dir, result, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<FsResult<InodeAttributes>> CreateExclusiveAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, ulong verifier, CancellationToken cancellationToken)
    {
        var atime = TimeSetting.At((long)(verifier >> 32) * 1_000_000_000);
        var mtime = TimeSetting.At((long)(uint)verifier * 1_000_000_000);
        var created = await _fs.CreateAsync(caller, dir, name, ExclusiveMode, exclusive: true, cancellationToken).ConfigureAwait(false);
        if (created.IsOk)
        {
            return await _fs.SetAttributesAsync(caller, created.Value.Id, new SetAttributes { Atime = atime, Mtime = mtime }, cancellationToken).ConfigureAwait(false);
        }

        if (created.Status != FsStatus.Exists)
        {
            return created;
        }

        var existing = await _fs.LookupAsync(caller, dir, name, cancellationToken).ConfigureAwait(false);
        return existing.IsOk && existing.Value.Type == FileType.Regular && existing.Value.Atime == atime.Nanoseconds && existing.Value.Mtime == mtime.Nanoseconds
            ? existing
            : FsStatus.Exists;
    }

    private async ValueTask MkdirAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<MkdirArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await ResolveAsync(args.Where.Dir, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new CreateReply(status, null, null, default));
            return;
        }

        var result = await _fs.MakeDirectoryAsync(call.Credentials, dir.Id, args.Where.Name, args.Attributes.Mode ?? DefaultDirectoryMode, cancellationToken).ConfigureAwait(false);
        var rest = args.Attributes with { Mode = null };
        if (result.IsOk && !rest.IsEmpty)
        {
            result = await ApplyAsync(call.Credentials, result.Value.Id, rest, cancellationToken).ConfigureAwait(false);
        }

        await ReplyCreatedAsync(call, dir, result, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SymlinkAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<SymlinkArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await ResolveAsync(args.Where.Dir, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new CreateReply(status, null, null, default));
            return;
        }

        // A symlink's mode is always 0777 here (Linux ignores it too).
        var result = await _fs.SymlinkAsync(call.Credentials, dir.Id, args.Where.Name, args.Target, cancellationToken).ConfigureAwait(false);
        await ReplyCreatedAsync(call, dir, result, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask MknodAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<MknodArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await ResolveAsync(args.Where.Dir, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new CreateReply(status, null, null, default));
            return;
        }

        FileType type;
        switch (args.Type)
        {
            case Nfs3FileType.CharDevice:
                type = FileType.CharDevice;
                break;
            case Nfs3FileType.BlockDevice:
                type = FileType.BlockDevice;
                break;
            case Nfs3FileType.Socket:
                type = FileType.Socket;
                break;
            case Nfs3FileType.Fifo:
                type = FileType.Fifo;
                break;
            default:
                RpcDispatcher.Reply(call, new CreateReply(Nfs3Status.BadType, null, null, new WccData(AttributeMapping.ToWcc(dir), ToNfs3(dir))));
                return;
        }

        var rdev = AttributeMapping.EncodeDevice(args.Major, args.Minor);
        var result = await _fs.MakeNodeAsync(call.Credentials, dir.Id, args.Where.Name, type, args.Attributes.Mode ?? DefaultFileMode, rdev, cancellationToken).ConfigureAwait(false);
        var rest = args.Attributes with { Mode = null };
        if (result.IsOk && !rest.IsEmpty)
        {
            result = await ApplyAsync(call.Credentials, result.Value.Id, rest, cancellationToken).ConfigureAwait(false);
        }

        await ReplyCreatedAsync(call, dir, result, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<FsResult<InodeAttributes>> ApplyAsync(Credentials caller, ulong id, Nfs3SetAttributes attributes, CancellationToken cancellationToken)
    {
        var changes = AttributeMapping.ToFileSystem(attributes);
        return changes is null ? FsStatus.FileTooLarge : await _fs.SetAttributesAsync(caller, id, changes, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ReplyCreatedAsync(NfsCall call, InodeAttributes dirBefore, FsResult<InodeAttributes> result, CancellationToken cancellationToken)
    {
        if (result.IsOk)
        {
            var stable = await StableAsync(FsStatus.Ok, result.Value.Id, cancellationToken).ConfigureAwait(false);
            if (stable != FsStatus.Ok)
            {
                result = stable;
            }
        }

        var wcc = await WccAsync(dirBefore, cancellationToken).ConfigureAwait(false);
        RpcDispatcher.Reply(call, result.IsOk
            ? new CreateReply(Nfs3Status.Ok, HandleOf(result.Value), ToNfs3(result.Value), wcc)
            : new CreateReply(NfsStatusMap.ToNfs3(result.Status), null, null, wcc));
    }
}
