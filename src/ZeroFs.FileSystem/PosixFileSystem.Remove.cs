using ZeroFs.Engine;
using ZeroFs.FileSystem.Data;
using ZeroFs.FileSystem.Directories;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Locks;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>unlink and rmdir, and reclaiming an inode whose last link is gone.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>Removes a non-directory entry (unlink). The inode goes when its last link goes and no handle holds it open.</summary>
    public ValueTask<FsStatus> RemoveAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, CancellationToken cancellationToken = default) =>
        RemoveEntryAsync(caller, dir, name, directory: false, cancellationToken);

    /// <summary>Removes an empty directory (rmdir): NotEmpty when it has entries, InvalidArgument for ".".</summary>
    public ValueTask<FsStatus> RemoveDirectoryAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, CancellationToken cancellationToken = default) =>
        RemoveEntryAsync(caller, dir, name, directory: true, cancellationToken);

    private async ValueTask<FsStatus> RemoveEntryAsync(Credentials caller, ulong dirId, ReadOnlyMemory<byte> name, bool directory, CancellationToken cancellationToken)
    {
        var nameStatus = ValidateName(name.Span);
        if (nameStatus != FsStatus.Ok)
        {
            return nameStatus;
        }

        if (IsDot(name.Span))
        {
            return directory ? FsStatus.InvalidArgument : FsStatus.IsDirectory;
        }

        if (IsDotDot(name.Span))
        {
            return directory ? FsStatus.NotEmpty : FsStatus.IsDirectory;
        }

        if (IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        var (held, entry) = await LockEntryAsync(dirId, name, cancellationToken).ConfigureAwait(false);
        using (held)
        {
            var (status, dir) = await LoadDirectoryAsync(dirId, cancellationToken).ConfigureAwait(false);
            if (status != FsStatus.Ok)
            {
                return status;
            }

            if (entry is not { } found)
            {
                return FsStatus.NotFound;
            }

            await FlushPendingLockedAsync(found.Child, cancellationToken).ConfigureAwait(false);
            var child = await LoadInodeAsync(found.Child, cancellationToken).ConfigureAwait(false);
            if (child is null)
            {
                throw new InvalidDataException($"Directory {dirId} has an entry for missing inode {found.Child}.");
            }

            if (directory != child.IsDirectory)
            {
                return directory ? FsStatus.NotDirectory : FsStatus.IsDirectory;
            }

            var access = PermissionChecker.CheckModifyDirectory(dir!, caller);
            if (access != FsStatus.Ok)
            {
                return access;
            }

            if (!PermissionChecker.MayRemoveFromSticky(dir!, child, caller))
            {
                return FsStatus.NotPermitted;
            }

            if (directory && child.Entries > 0)
            {
                return FsStatus.NotEmpty;
            }

            var batch = new WriteBatch();
            var now = NowNanoseconds();
            DeleteEntry(batch, dirId, name.Span, found.Cookie);
            dir!.Entries--;
            if (directory)
            {
                dir.Nlink--;
            }

            dir.Mtime = dir.Ctime = now;
            PutInode(batch, dir);
            var (bytes, inodes) = await DropLinkAsync(batch, child, now, cancellationToken).ConfigureAwait(false);
            await CommitAsync(batch, child.Id, bytes, inodes, cancellationToken).ConfigureAwait(false);
            FileSystemMetrics.Removes.Add(1);
            AfterDrop(child);
            return FsStatus.Ok;
        }
    }

    /// <summary>
    /// Drops one link of <paramref name="child"/> (caller holds its lock) into <paramref name="batch"/>:
    /// the inode stays while links remain, becomes an orphan while open, and is reclaimed otherwise.
    /// Returns the stats deltas.
    /// </summary>
    private async ValueTask<(long Bytes, long Inodes)> DropLinkAsync(WriteBatch batch, InodeRecord child, long now, CancellationToken cancellationToken)
    {
        child.Nlink = child.IsDirectory ? 0 : child.Nlink - 1;
        child.Ctime = now;
        if (child.Nlink > 0)
        {
            PutInode(batch, child);
            return (0, 0);
        }

        if (_openHandles.ContainsKey(child.Id))
        {
            PutInode(batch, child);
            batch.Put(KeyCodec.Orphan(child.Id), []);
            return (0, 0);
        }

        return await AddReclaimAsync(batch, child, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an unlinked inode and its data (inline for small files, by tombstone otherwise).</summary>
    private async ValueTask<(long Bytes, long Inodes)> AddReclaimAsync(WriteBatch batch, InodeRecord inode, CancellationToken cancellationToken)
    {
        batch.Delete(KeyCodec.Inode(inode.Id));
        using (var xattrs = _store.Scan(KeyCodec.Id(KeyKind.Xattr, inode.Id), KeyCodec.IdEnd(KeyKind.Xattr, inode.Id)))
        {
            while (await xattrs.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Delete(xattrs.Key);
            }
        }

        if (inode.IsDirectory)
        {
            batch.Delete(KeyCodec.DirCookie(inode.Id));
        }

        if (inode.Type != FileType.Regular)
        {
            return (0, -1);
        }

        var chunks = ChunkMath.ChunkCount(inode.Size);
        if (chunks <= (ulong)_options.InlineDeleteChunks)
        {
            for (ulong i = 0; i < chunks; i++)
            {
                batch.Delete(KeyCodec.Chunk(inode.Id, i));
            }
        }
        else
        {
            var size = new byte[9];
            size[0] = 1;
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(size.AsSpan(1), inode.Size);
            batch.Put(KeyCodec.Tombstone(inode.Id), size);
        }

        return (-inode.Size, -1);
    }

    private void AfterDrop(InodeRecord child)
    {
        if (child.Nlink == 0 && child.Type == FileType.Regular && ChunkMath.ChunkCount(child.Size) > (ulong)_options.InlineDeleteChunks)
        {
            TombstoneAdded?.Invoke();
        }
    }

    /// <summary>Locks <paramref name="dir"/> and the inode its entry <paramref name="name"/> names, re-checking the entry once locked.</summary>
    private async ValueTask<(LockSet Held, DirEntryValue? Entry)> LockEntryAsync(ulong dir, ReadOnlyMemory<byte> name, CancellationToken cancellationToken)
    {
        while (true)
        {
            var before = await GetEntryAsync(dir, name, cancellationToken).ConfigureAwait(false);
            ulong[] ids = before is { } b ? [dir, b.Child] : [dir];
            var held = await _locks.LockAsync(ids, cancellationToken).ConfigureAwait(false);
            var after = await GetEntryAsync(dir, name, cancellationToken).ConfigureAwait(false);
            if (after?.Child == before?.Child)
            {
                return (held, after);
            }

            held.Dispose();
        }
    }
}
