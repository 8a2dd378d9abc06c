namespace ZeroFs.FileSystem;

/// <summary>
/// The outcome of a filesystem operation. Expected failures travel as values, never as exceptions;
/// each protocol maps them to its own codes in one place. The errno each maps to is named.
/// </summary>
public enum FsStatus : byte
{
    /// <summary>Success (0).</summary>
    Ok = 0,

    /// <summary>No such file or directory (ENOENT).</summary>
    NotFound,

    /// <summary>The name already exists (EEXIST).</summary>
    Exists,

    /// <summary>A path component or the target is not a directory (ENOTDIR).</summary>
    NotDirectory,

    /// <summary>The operation needs a non-directory (EISDIR).</summary>
    IsDirectory,

    /// <summary>The directory is not empty (ENOTEMPTY).</summary>
    NotEmpty,

    /// <summary>Permission bits deny the access (EACCES).</summary>
    AccessDenied,

    /// <summary>Only the owner or root may do this (EPERM).</summary>
    NotPermitted,

    /// <summary>A name is longer than 255 bytes or a symlink target longer than 4096 (ENAMETOOLONG).</summary>
    NameTooLong,

    /// <summary>A bad argument, e.g. renaming a directory into its own subtree (EINVAL).</summary>
    InvalidArgument,

    /// <summary>The quota (<see cref="FileSystemOptions.MaxSizeBytes"/>) would be exceeded (ENOSPC).</summary>
    NoSpace,

    /// <summary>The filesystem is read-only (EROFS).</summary>
    ReadOnlyFileSystem,

    /// <summary>Too many hard links (EMLINK).</summary>
    TooManyLinks,

    /// <summary>Too many symbolic links while resolving a path (ELOOP); for front ends that resolve paths.</summary>
    Loop,

    /// <summary>The operation or attribute namespace is not supported (EOPNOTSUPP / ENOTSUP).</summary>
    NotSupported,

    /// <summary>The inode id or generation names a deleted inode (ESTALE).</summary>
    Stale,

    /// <summary>The file would exceed <see cref="FileSystemOptions.MaxFileSize"/> (EFBIG).</summary>
    FileTooLarge,

    /// <summary>The extended attribute does not exist (ENODATA).</summary>
    NoData,

    /// <summary>The caller's buffer is too small for an extended attribute value or list (ERANGE).</summary>
    Range,

    /// <summary>A rename across filesystems (EXDEV); never produced by one core, kept for front ends.</summary>
    CrossDevice,

    /// <summary>The object is in use (EBUSY), e.g. removing the root directory.</summary>
    Busy,

    /// <summary>An extended attribute value exceeds the size limit (E2BIG).</summary>
    TooBig,
}
