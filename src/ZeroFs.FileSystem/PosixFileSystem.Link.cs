using ZeroFs.Engine;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>link: a new name for an existing non-directory.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// Adds the entry <paramref name="name"/> in <paramref name="dir"/> for inode <paramref name="id"/>:
    /// NotPermitted for a directory, TooManyLinks past <see cref="FileSystemOptions.MaxLinks"/>, Exists when the name is taken.
    /// The inode's ctime and the directory's mtime and ctime change.
    /// </summary>
    public async ValueTask<FsResult<InodeAttributes>> LinkAsync(Credentials caller, ulong id, ulong dir, ReadOnlyMemory<byte> name, CancellationToken cancellationToken = default)
    {
        var nameStatus = ValidateName(name.Span);
        if (nameStatus != FsStatus.Ok)
        {
            return nameStatus;
        }

        if (IsDot(name.Span) || IsDotDot(name.Span))
        {
            return FsStatus.Exists;
        }

        if (IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        using var held = await _locks.LockAsync(new[] { id, dir }, cancellationToken).ConfigureAwait(false);
        await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null || inode.Nlink == 0)
        {
            return inode is null ? MissingInodeStatus(id) : FsStatus.NotFound;
        }

        var (status, parent) = await LoadDirectoryAsync(dir, cancellationToken).ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        if (inode.IsDirectory)
        {
            return FsStatus.NotPermitted;
        }

        if (inode.Nlink >= _options.MaxLinks)
        {
            return FsStatus.TooManyLinks;
        }

        if (await GetEntryAsync(dir, name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return FsStatus.Exists;
        }

        var access = PermissionChecker.CheckModifyDirectory(parent!, caller);
        if (access != FsStatus.Ok)
        {
            return access;
        }

        var now = NowNanoseconds();
        var batch = new WriteBatch();
        var cookie = await TakeCookieAsync(dir, batch, cancellationToken).ConfigureAwait(false);
        PutEntry(batch, dir, name.Span, id, cookie, inode.Type);
        inode.Nlink++;
        inode.Ctime = now;
        PutInode(batch, inode);
        parent!.Entries++;
        parent.Mtime = parent.Ctime = now;
        PutInode(batch, parent);
        await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        return inode.ToAttributes();
    }
}
