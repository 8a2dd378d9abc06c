using ZeroFs.Engine;
using ZeroFs.FileSystem.Directories;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>rename and renameat2 (NOREPLACE, EXCHANGE): one batch, both parents and both inodes locked in order.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// Renames <paramref name="srcName"/> in <paramref name="srcDir"/> to <paramref name="dstName"/> in
    /// <paramref name="dstDir"/>, atomically replacing an existing target (a directory only over an empty
    /// directory). InvalidArgument when a directory would move into its own subtree; sticky directories
    /// limit who may move or replace entries (NotPermitted). An entry renamed within its directory keeps
    /// its readdir cookie. Both directories' mtime and ctime and the moved inode's ctime change.
    /// </summary>
    public async ValueTask<FsStatus> RenameAsync(
        Credentials caller, ulong srcDir, ReadOnlyMemory<byte> srcName, ulong dstDir, ReadOnlyMemory<byte> dstName, RenameFlags flags = RenameFlags.None, CancellationToken cancellationToken = default)
    {
        var status = ValidateName(srcName.Span);
        if (status == FsStatus.Ok)
        {
            status = ValidateName(dstName.Span);
        }

        if (status != FsStatus.Ok)
        {
            return status;
        }

        if (IsDot(srcName.Span) || IsDotDot(srcName.Span) || flags == (RenameFlags.NoReplace | RenameFlags.Exchange))
        {
            return FsStatus.InvalidArgument;
        }

        if (IsDot(dstName.Span) || IsDotDot(dstName.Span))
        {
            return FsStatus.Busy;
        }

        if (IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        while (true)
        {
            var src = await GetEntryAsync(srcDir, srcName, cancellationToken).ConfigureAwait(false);
            var dst = await GetEntryAsync(dstDir, dstName, cancellationToken).ConfigureAwait(false);
            var gate = srcDir != dstDir && (src?.Type == FileType.Directory || dst?.Type == FileType.Directory);
            if (gate)
            {
                await _renameGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                ulong[] ids = [srcDir, dstDir, src?.Child ?? srcDir, dst?.Child ?? dstDir];
                using var held = await _locks.LockAsync(ids, cancellationToken).ConfigureAwait(false);
                var srcNow = await GetEntryAsync(srcDir, srcName, cancellationToken).ConfigureAwait(false);
                var dstNow = await GetEntryAsync(dstDir, dstName, cancellationToken).ConfigureAwait(false);
                if (srcNow?.Child != src?.Child || dstNow?.Child != dst?.Child)
                {
                    continue;
                }

                return await RenameLockedAsync(caller, srcDir, srcName, srcNow, dstDir, dstName, dstNow, flags, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (gate)
                {
                    _renameGate.Release();
                }
            }
        }
    }

    private async ValueTask<FsStatus> RenameLockedAsync(
        Credentials caller, ulong srcDirId, ReadOnlyMemory<byte> srcName, DirEntryValue? srcEntry, ulong dstDirId, ReadOnlyMemory<byte> dstName, DirEntryValue? dstEntry, RenameFlags flags, CancellationToken cancellationToken)
    {
        var records = new Dictionary<ulong, InodeRecord>();
        var (status, srcDir) = await LoadDirectoryAsync(srcDirId, cancellationToken).ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        records[srcDirId] = srcDir!;
        InodeRecord? dstDir = srcDir;
        if (dstDirId != srcDirId)
        {
            (status, dstDir) = await LoadDirectoryAsync(dstDirId, cancellationToken).ConfigureAwait(false);
            if (status != FsStatus.Ok)
            {
                return status;
            }

            records[dstDirId] = dstDir!;
        }

        if (srcEntry is not { } src)
        {
            return FsStatus.NotFound;
        }

        var srcInode = await LoadCachedAsync(records, src.Child, cancellationToken).ConfigureAwait(false);
        InodeRecord? dstInode = null;
        if (dstEntry is { } d)
        {
            dstInode = await LoadCachedAsync(records, d.Child, cancellationToken).ConfigureAwait(false);
        }

        status = PermissionChecker.CheckModifyDirectory(srcDir!, caller);
        if (status == FsStatus.Ok)
        {
            status = PermissionChecker.CheckModifyDirectory(dstDir!, caller);
        }

        if (status != FsStatus.Ok)
        {
            return status;
        }

        if (!PermissionChecker.MayRemoveFromSticky(srcDir!, srcInode, caller) ||
            (dstInode is not null && !PermissionChecker.MayRemoveFromSticky(dstDir!, dstInode, caller)))
        {
            return FsStatus.NotPermitted;
        }

        var exchange = (flags & RenameFlags.Exchange) != 0;
        if (dstInode is null ? exchange : (flags & RenameFlags.NoReplace) != 0)
        {
            return dstInode is null ? FsStatus.NotFound : FsStatus.Exists;
        }

        if (dstInode is not null && dstInode.Id == srcInode.Id)
        {
            return FsStatus.Ok;
        }

        status = await CheckMoveAsync(caller, srcInode, srcDirId, dstDirId, cancellationToken).ConfigureAwait(false);
        if (status == FsStatus.Ok && exchange)
        {
            status = await CheckMoveAsync(caller, dstInode!, dstDirId, srcDirId, cancellationToken).ConfigureAwait(false);
        }

        if (status != FsStatus.Ok)
        {
            return status;
        }

        if (dstInode is not null && !exchange)
        {
            if (srcInode.IsDirectory != dstInode.IsDirectory)
            {
                return srcInode.IsDirectory ? FsStatus.NotDirectory : FsStatus.IsDirectory;
            }

            if (dstInode.IsDirectory && dstInode.Entries > 0)
            {
                return FsStatus.NotEmpty;
            }
        }

        var now = NowNanoseconds();
        var batch = new WriteBatch();
        (long Bytes, long Inodes) stats = (0, 0);
        var reclaimed = false;
        if (exchange)
        {
            PutEntry(batch, srcDirId, srcName.Span, dstInode!.Id, src.Cookie, dstInode.Type);
            PutEntry(batch, dstDirId, dstName.Span, srcInode.Id, dstEntry!.Value.Cookie, srcInode.Type);
            MoveParent(dstInode, dstDir!, srcDir!);
            dstInode.Ctime = now;
        }
        else
        {
            DeleteEntry(batch, srcDirId, srcName.Span, src.Cookie);
            srcDir!.Entries--;
            ulong cookie;
            if (dstEntry is { } replaced)
            {
                cookie = replaced.Cookie;
                dstDir!.Entries--;
                if (dstInode!.IsDirectory)
                {
                    dstDir.Nlink--;
                }

                stats = await DropLinkAsync(batch, dstInode, now, cancellationToken).ConfigureAwait(false);
                reclaimed = stats.Inodes != 0;
            }
            else
            {
                cookie = srcDirId == dstDirId ? src.Cookie : await TakeCookieAsync(dstDirId, batch, cancellationToken).ConfigureAwait(false);
            }

            dstDir!.Entries++;
            PutEntry(batch, dstDirId, dstName.Span, srcInode.Id, cookie, srcInode.Type);
        }

        MoveParent(srcInode, srcDir!, dstDir!);
        srcInode.Ctime = now;
        srcDir!.Mtime = srcDir.Ctime = now;
        dstDir!.Mtime = dstDir.Ctime = now;
        foreach (var record in records.Values)
        {
            if (!(reclaimed && record.Id == dstInode!.Id))
            {
                PutInode(batch, record);
            }
        }

        await CommitAsync(batch, dstInode?.Id ?? srcInode.Id, stats.Bytes, stats.Inodes, cancellationToken).ConfigureAwait(false);
        if (dstInode is not null && !exchange)
        {
            AfterDrop(dstInode);
        }

        return FsStatus.Ok;
    }

    /// <summary>A directory moving to another parent: not into its own subtree, and (non-root) it needs write permission to rewrite "..".</summary>
    private async ValueTask<FsStatus> CheckMoveAsync(Credentials caller, InodeRecord moved, ulong from, ulong to, CancellationToken cancellationToken)
    {
        if (!moved.IsDirectory || from == to)
        {
            return FsStatus.Ok;
        }

        if (await IsAncestorAsync(moved.Id, to, cancellationToken).ConfigureAwait(false))
        {
            return FsStatus.InvalidArgument;
        }

        return PermissionChecker.Allows(moved, caller, AccessMask.Write) ? FsStatus.Ok : FsStatus.AccessDenied;
    }

    private static void MoveParent(InodeRecord moved, InodeRecord from, InodeRecord to)
    {
        if (from.Id == to.Id)
        {
            return;
        }

        moved.Parent = to.Id;
        if (moved.IsDirectory)
        {
            from.Nlink--;
            to.Nlink++;
        }
    }

    private async ValueTask<InodeRecord> LoadCachedAsync(Dictionary<ulong, InodeRecord> records, ulong id, CancellationToken cancellationToken)
    {
        if (records.TryGetValue(id, out var cached))
        {
            return cached;
        }

        await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"A directory entry names missing inode {id}.");
        records[id] = inode;
        return inode;
    }
}
