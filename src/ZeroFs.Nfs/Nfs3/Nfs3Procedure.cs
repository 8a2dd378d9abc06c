namespace ZeroFs.Nfs.Nfs3;

/// <summary>NFSv3 procedure numbers (RFC 1813 §3).</summary>
public enum Nfs3Procedure : uint
{
    /// <summary>NFSPROC3_NULL.</summary>
    Null = 0,

    /// <summary>NFSPROC3_GETATTR.</summary>
    GetAttr = 1,

    /// <summary>NFSPROC3_SETATTR.</summary>
    SetAttr = 2,

    /// <summary>NFSPROC3_LOOKUP.</summary>
    Lookup = 3,

    /// <summary>NFSPROC3_ACCESS.</summary>
    Access = 4,

    /// <summary>NFSPROC3_READLINK.</summary>
    ReadLink = 5,

    /// <summary>NFSPROC3_READ.</summary>
    Read = 6,

    /// <summary>NFSPROC3_WRITE.</summary>
    Write = 7,

    /// <summary>NFSPROC3_CREATE.</summary>
    Create = 8,

    /// <summary>NFSPROC3_MKDIR.</summary>
    MakeDirectory = 9,

    /// <summary>NFSPROC3_SYMLINK.</summary>
    Symlink = 10,

    /// <summary>NFSPROC3_MKNOD.</summary>
    MakeNode = 11,

    /// <summary>NFSPROC3_REMOVE.</summary>
    Remove = 12,

    /// <summary>NFSPROC3_RMDIR.</summary>
    RemoveDirectory = 13,

    /// <summary>NFSPROC3_RENAME.</summary>
    Rename = 14,

    /// <summary>NFSPROC3_LINK.</summary>
    Link = 15,

    /// <summary>NFSPROC3_READDIR.</summary>
    ReadDir = 16,

    /// <summary>NFSPROC3_READDIRPLUS.</summary>
    ReadDirPlus = 17,

    /// <summary>NFSPROC3_FSSTAT.</summary>
    FsStat = 18,

    /// <summary>NFSPROC3_FSINFO.</summary>
    FsInfo = 19,

    /// <summary>NFSPROC3_PATHCONF.</summary>
    PathConf = 20,

    /// <summary>NFSPROC3_COMMIT.</summary>
    Commit = 21,
}
