using ZeroFs.Engine;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>create, mkdir, mknod, symlink: one batch adds the inode, both entry records, the cookie counter, the parent and the stats.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// Creates a regular file (open with O_CREAT). <paramref name="mode"/> has the umask applied by the
    /// caller. When the name exists: <paramref name="exclusive"/> (O_EXCL) gives Exists, otherwise the
    /// existing file is returned (IsDirectory for a directory).
    /// </summary>
    public ValueTask<FsResult<InodeAttributes>> CreateAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, uint mode, bool exclusive, CancellationToken cancellationToken = default) =>
        CreateNodeAsync(caller, dir, name, FileType.Regular, mode, 0, null, exclusive, cancellationToken);

    /// <summary>Creates a directory (mkdir); the parent's link count grows by one.</summary>
    public ValueTask<FsResult<InodeAttributes>> MakeDirectoryAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, uint mode, CancellationToken cancellationToken = default) =>
        CreateNodeAsync(caller, dir, name, FileType.Directory, mode, 0, null, true, cancellationToken);

    /// <summary>Creates a fifo, socket, character or block device (mknod); <paramref name="rdev"/> is kept for devices.</summary>
    public ValueTask<FsResult<InodeAttributes>> MakeNodeAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, FileType type, uint mode, ulong rdev, CancellationToken cancellationToken = default)
    {
        if (type is FileType.Directory or FileType.Symlink)
        {
            return ValueTask.FromResult<FsResult<InodeAttributes>>(FsStatus.InvalidArgument);
        }

        if (type is FileType.CharDevice or FileType.BlockDevice && !caller.IsRoot)
        {
            return ValueTask.FromResult<FsResult<InodeAttributes>>(FsStatus.NotPermitted);
        }

        return CreateNodeAsync(caller, dir, name, type, mode, type is FileType.CharDevice or FileType.BlockDevice ? rdev : 0, null, true, cancellationToken);
    }

    /// <summary>Creates a symbolic link to <paramref name="target"/> (1 to 4096 bytes, stored inline).</summary>
    public ValueTask<FsResult<InodeAttributes>> SymlinkAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> target, CancellationToken cancellationToken = default)
    {
        if (target.Length > MaxSymlinkLength)
        {
            return ValueTask.FromResult<FsResult<InodeAttributes>>(FsStatus.NameTooLong);
        }

        if (target.IsEmpty)
        {
            return ValueTask.FromResult<FsResult<InodeAttributes>>(FsStatus.NotFound);
        }

        return CreateNodeAsync(caller, dir, name, FileType.Symlink, 0x1FF, 0, target.ToArray(), true, cancellationToken);
    }

    private async ValueTask<FsResult<InodeAttributes>> CreateNodeAsync(
        Credentials caller, ulong dirId, ReadOnlyMemory<byte> name, FileType type, uint mode, ulong rdev, byte[]? target, bool exclusive, CancellationToken cancellationToken)
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

        using var held = await _locks.LockAsync(dirId, cancellationToken).ConfigureAwait(false);
        var (status, dir) = await LoadDirectoryAsync(dirId, cancellationToken).ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        var existing = await GetEntryAsync(dirId, name, cancellationToken).ConfigureAwait(false);
        if (existing is { } entry)
        {
            if (exclusive)
            {
                return FsStatus.Exists;
            }

            if (entry.Type == FileType.Directory)
            {
                return FsStatus.IsDirectory;
            }

            return await GetAttributesAsync(entry.Child, cancellationToken).ConfigureAwait(false);
        }

        var access = PermissionChecker.CheckModifyDirectory(dir!, caller);
        if (access != FsStatus.Ok)
        {
            return access;
        }

        if (_accounting.UsedBytes >= _options.MaxSizeBytes)
        {
            return FsStatus.NoSpace;
        }

        var inode = NewInode(caller, dir!, type, mode, rdev, target);
        var id = await _ids.AllocateAsync(_store, cancellationToken).ConfigureAwait(false);
        inode = WithId(inode, id);
        var batch = new WriteBatch();
        var cookie = await TakeCookieAsync(dirId, batch, cancellationToken).ConfigureAwait(false);
        PutInode(batch, inode);
        PutEntry(batch, dirId, name.Span, id, cookie, type);
        dir!.Entries++;
        if (type == FileType.Directory)
        {
            dir.Nlink++;
        }

        dir.Mtime = dir.Ctime = inode.Ctime;
        PutInode(batch, dir);
        await CommitAsync(batch, id, 0, 1, cancellationToken).ConfigureAwait(false);
        FileSystemMetrics.Creates.Add(1);
        return inode.ToAttributes();
    }

    private InodeRecord NewInode(in Credentials caller, InodeRecord dir, FileType type, uint mode, ulong rdev, byte[]? target)
    {
        var now = NowNanoseconds();
        mode &= 0xFFF;
        var dirSetGid = (dir.Mode & PermissionChecker.SetGid) != 0;
        var gid = dirSetGid ? dir.Gid : caller.Gid;
        if (type == FileType.Directory)
        {
            mode = dirSetGid ? mode | PermissionChecker.SetGid : mode;
        }
        else if ((mode & PermissionChecker.SetGid) != 0 && !caller.IsRoot && !caller.IsMember(gid))
        {
            mode &= ~PermissionChecker.SetGid;
        }

        return new InodeRecord
        {
            Type = type,
            Mode = type == FileType.Symlink ? 0x1FF : mode,
            Uid = caller.Uid,
            Gid = gid,
            Size = target?.Length ?? 0,
            Nlink = type == FileType.Directory ? 2u : 1u,
            Atime = now,
            Mtime = now,
            Ctime = now,
            Crtime = now,
            Rdev = rdev,
            Generation = (ulong)now,
            Parent = dir.Id,
            Target = target,
        };
    }

    private static InodeRecord WithId(InodeRecord inode, ulong id) => new()
    {
        Id = id,
        Type = inode.Type,
        Mode = inode.Mode,
        Uid = inode.Uid,
        Gid = inode.Gid,
        Size = inode.Size,
        Nlink = inode.Nlink,
        Atime = inode.Atime,
        Mtime = inode.Mtime,
        Ctime = inode.Ctime,
        Crtime = inode.Crtime,
        Rdev = inode.Rdev,
        Generation = inode.Generation,
        Parent = inode.Parent,
        Target = inode.Target,
    };
}
