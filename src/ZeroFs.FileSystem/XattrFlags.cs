namespace ZeroFs.FileSystem;

/// <summary>Flags of setxattr(2).</summary>
public enum XattrFlags : byte
{
    /// <summary>Create or replace.</summary>
    None = 0,

    /// <summary>Fail with <see cref="FsStatus.Exists"/> if the attribute exists (XATTR_CREATE).</summary>
    Create = 1,

    /// <summary>Fail with <see cref="FsStatus.NoData"/> if the attribute is absent (XATTR_REPLACE).</summary>
    Replace = 2,
}
