using ZeroFs.FileSystem.Inodes;

namespace ZeroFs.FileSystem.Permissions;

/// <summary>POSIX permission rules shared by every operation (owner, group, other classes; root bypass).</summary>
internal static class PermissionChecker
{
    public const uint SetUid = 0x800;   // 04000
    public const uint SetGid = 0x400;   // 02000
    public const uint Sticky = 0x200;   // 01000
    public const uint GroupExecute = 0x8; // 00010
    public const uint AnyExecute = 0x49;  // 00111

    /// <summary>Checks access(2)-style bits. Root passes read and write always, execute if any x bit is set or on directories.</summary>
    public static bool Allows(InodeRecord inode, in Credentials caller, AccessMask mask)
    {
        if (mask == AccessMask.None)
        {
            return true;
        }

        if (caller.IsRoot)
        {
            return (mask & AccessMask.Execute) == 0 || inode.IsDirectory || (inode.Mode & AnyExecute) != 0;
        }

        uint bits;
        if (caller.Uid == inode.Uid)
        {
            bits = (inode.Mode >> 6) & 7;
        }
        else if (caller.IsMember(inode.Gid))
        {
            bits = (inode.Mode >> 3) & 7;
        }
        else
        {
            bits = inode.Mode & 7;
        }

        return ((uint)mask & ~bits) == 0;
    }

    public static FsStatus Check(InodeRecord inode, in Credentials caller, AccessMask mask) =>
        Allows(inode, caller, mask) ? FsStatus.Ok : FsStatus.AccessDenied;

    /// <summary>The caller owns the inode or is root (chmod, utimes with explicit times, xattrs on sticky dirs).</summary>
    public static bool IsOwnerOrRoot(InodeRecord inode, in Credentials caller) => caller.IsRoot || caller.Uid == inode.Uid;

    /// <summary>
    /// Sticky directory rule (unlink, rmdir, rename source and replaced target): in a directory with
    /// S_ISVTX only root, the directory's owner or the entry's owner may remove the entry (EPERM).
    /// </summary>
    public static bool MayRemoveFromSticky(InodeRecord dir, InodeRecord child, in Credentials caller) =>
        (dir.Mode & Sticky) == 0 || caller.IsRoot || caller.Uid == dir.Uid || caller.Uid == child.Uid;

    /// <summary>Write + search on a directory, needed to add or remove entries.</summary>
    public static FsStatus CheckModifyDirectory(InodeRecord dir, in Credentials caller) =>
        !dir.IsDirectory ? FsStatus.NotDirectory : Check(dir, caller, AccessMask.Write | AccessMask.Execute);

    /// <summary>Clears S_ISUID, and S_ISGID when group-execute is set, as Linux does on write and chown of a non-directory.</summary>
    public static uint KillSuid(uint mode)
    {
        mode &= ~SetUid;
        if ((mode & GroupExecute) != 0)
        {
            mode &= ~SetGid;
        }

        return mode;
    }
}
