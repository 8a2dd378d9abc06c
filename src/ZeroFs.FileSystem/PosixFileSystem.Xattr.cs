using ZeroFs.Engine;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Permissions;
using ZeroFs.FileSystem.Storage;

namespace ZeroFs.FileSystem;

/// <summary>
/// Extended attributes (DECISIONS.md 3): <c>user.*</c> on regular files and directories under the
/// file's permission bits (read to get/list, write to set/remove; in a sticky directory only the
/// owner), <c>trusted.*</c> for root only; other namespaces are NotSupported.
/// </summary>
public sealed partial class PosixFileSystem
{
    /// <summary>The longest attribute name (XATTR_NAME_MAX).</summary>
    public const int MaxXattrNameLength = 255;

    private static ReadOnlySpan<byte> UserPrefix => "user."u8;

    private static ReadOnlySpan<byte> TrustedPrefix => "trusted."u8;

    /// <summary>The value of attribute <paramref name="name"/>: NoData when absent.</summary>
    public async ValueTask<FsResult<byte[]>> GetXattrAsync(Credentials caller, ulong id, ReadOnlyMemory<byte> name, CancellationToken cancellationToken = default)
    {
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        var status = CheckXattr(caller, inode, name.Span, AccessMask.Read);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        var value = await _store.GetValueAsync(KeyCodec.Xattr(id, name.Span), cancellationToken).ConfigureAwait(false);
        return value is null ? FsStatus.NoData : value;
    }

    /// <summary>The names of the attributes the caller may see (trusted.* only for root).</summary>
    public async ValueTask<FsResult<IReadOnlyList<byte[]>>> ListXattrsAsync(Credentials caller, ulong id, CancellationToken cancellationToken = default)
    {
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        var names = new List<byte[]>();
        using var scan = _store.Scan(KeyCodec.Id(KeyKind.Xattr, id), KeyCodec.IdEnd(KeyKind.Xattr, id));
        while (await scan.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = KeyCodec.ReadName(scan.Key);
            if (caller.IsRoot || !name.StartsWith(TrustedPrefix))
            {
                names.Add(name.ToArray());
            }
        }

        return names;
    }

    /// <summary>Sets attribute <paramref name="name"/>; <paramref name="flags"/> give XATTR_CREATE/REPLACE semantics. Changes ctime.</summary>
    public async ValueTask<FsStatus> SetXattrAsync(Credentials caller, ulong id, ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> value, XattrFlags flags = XattrFlags.None, CancellationToken cancellationToken = default)
    {
        if (value.Length > _options.MaxXattrValueBytes)
        {
            return FsStatus.TooBig;
        }

        return await ChangeXattrAsync(caller, id, name, value, flags, remove: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes attribute <paramref name="name"/>: NoData when absent. Changes ctime.</summary>
    public ValueTask<FsStatus> RemoveXattrAsync(Credentials caller, ulong id, ReadOnlyMemory<byte> name, CancellationToken cancellationToken = default) =>
        ChangeXattrAsync(caller, id, name, default, XattrFlags.Replace, remove: true, cancellationToken);

    private async ValueTask<FsStatus> ChangeXattrAsync(
        Credentials caller, ulong id, ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> value, XattrFlags flags, bool remove, CancellationToken cancellationToken)
    {
        if (IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
        await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        var status = CheckXattr(caller, inode, name.Span, AccessMask.Write);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        var key = KeyCodec.Xattr(id, name.Span);
        var exists = (await _store.GetAsync(key, null, cancellationToken).ConfigureAwait(false)).Status == LookupStatus.Found;
        if (flags == XattrFlags.Create && exists)
        {
            return FsStatus.Exists;
        }

        if (flags == XattrFlags.Replace && !exists)
        {
            return FsStatus.NoData;
        }

        var batch = new WriteBatch();
        if (remove)
        {
            batch.Delete(key);
        }
        else
        {
            batch.Put(key, value.Span);
        }

        inode.Ctime = NowNanoseconds();
        PutInode(batch, inode);
        await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        return FsStatus.Ok;
    }

    private static FsStatus CheckXattr(in Credentials caller, InodeRecord inode, ReadOnlySpan<byte> name, AccessMask mask)
    {
        if (name.Length > MaxXattrNameLength)
        {
            return FsStatus.Range;
        }

        if (name.StartsWith(TrustedPrefix))
        {
            return name.Length == TrustedPrefix.Length ? FsStatus.InvalidArgument : caller.IsRoot ? FsStatus.Ok : FsStatus.NotPermitted;
        }

        if (!name.StartsWith(UserPrefix))
        {
            return FsStatus.NotSupported;
        }

        if (name.Length == UserPrefix.Length)
        {
            return FsStatus.InvalidArgument;
        }

        if (inode.Type is not (FileType.Regular or FileType.Directory))
        {
            return mask == AccessMask.Write ? FsStatus.NotPermitted : FsStatus.NoData;
        }

        if (mask == AccessMask.Write && inode.IsDirectory && (inode.Mode & PermissionChecker.Sticky) != 0 && !PermissionChecker.IsOwnerOrRoot(inode, caller))
        {
            return FsStatus.NotPermitted;
        }

        return PermissionChecker.Check(inode, caller, mask);
    }
}
