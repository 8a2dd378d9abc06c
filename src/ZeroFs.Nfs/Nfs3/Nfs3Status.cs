namespace ZeroFs.Nfs.Nfs3;

/// <summary>nfsstat3 (RFC 1813 §2.6).</summary>
public enum Nfs3Status : uint
{
    /// <summary>NFS3_OK.</summary>
    Ok = 0,

    /// <summary>NFS3ERR_PERM: not the owner or root.</summary>
    NotPermitted = 1,

    /// <summary>NFS3ERR_NOENT.</summary>
    NoEntry = 2,

    /// <summary>NFS3ERR_IO.</summary>
    IO = 5,

    /// <summary>NFS3ERR_NXIO.</summary>
    NoDevice = 6,

    /// <summary>NFS3ERR_ACCES.</summary>
    AccessDenied = 13,

    /// <summary>NFS3ERR_EXIST.</summary>
    Exists = 17,

    /// <summary>NFS3ERR_XDEV.</summary>
    CrossDevice = 18,

    /// <summary>NFS3ERR_NODEV.</summary>
    NoSuchDevice = 19,

    /// <summary>NFS3ERR_NOTDIR.</summary>
    NotDirectory = 20,

    /// <summary>NFS3ERR_ISDIR.</summary>
    IsDirectory = 21,

    /// <summary>NFS3ERR_INVAL.</summary>
    InvalidArgument = 22,

    /// <summary>NFS3ERR_FBIG.</summary>
    FileTooLarge = 27,

    /// <summary>NFS3ERR_NOSPC.</summary>
    NoSpace = 28,

    /// <summary>NFS3ERR_ROFS.</summary>
    ReadOnlyFileSystem = 30,

    /// <summary>NFS3ERR_MLINK.</summary>
    TooManyLinks = 31,

    /// <summary>NFS3ERR_NAMETOOLONG.</summary>
    NameTooLong = 63,

    /// <summary>NFS3ERR_NOTEMPTY.</summary>
    NotEmpty = 66,

    /// <summary>NFS3ERR_DQUOT.</summary>
    QuotaExceeded = 69,

    /// <summary>NFS3ERR_STALE: the handle names a deleted file or another volume.</summary>
    Stale = 70,

    /// <summary>NFS3ERR_REMOTE.</summary>
    Remote = 71,

    /// <summary>NFS3ERR_BADHANDLE: the handle fails its consistency checks.</summary>
    BadHandle = 10001,

    /// <summary>NFS3ERR_NOT_SYNC: a SETATTR guard did not match.</summary>
    NotSync = 10002,

    /// <summary>NFS3ERR_BAD_COOKIE: a READDIR cookie or cookie verifier is no longer valid.</summary>
    BadCookie = 10003,

    /// <summary>NFS3ERR_NOTSUPP.</summary>
    NotSupported = 10004,

    /// <summary>NFS3ERR_TOOSMALL: the reply buffer cannot hold even one entry.</summary>
    TooSmall = 10005,

    /// <summary>NFS3ERR_SERVERFAULT.</summary>
    ServerFault = 10006,

    /// <summary>NFS3ERR_BADTYPE: MKNOD of a type it cannot create.</summary>
    BadType = 10007,

    /// <summary>NFS3ERR_JUKEBOX: try again later.</summary>
    Jukebox = 10008,
}
