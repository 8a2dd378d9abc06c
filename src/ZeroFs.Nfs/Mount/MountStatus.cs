namespace ZeroFs.Nfs.Mount;

/// <summary>mountstat3 (RFC 1813 appendix I).</summary>
public enum MountStatus : uint
{
    /// <summary>MNT3_OK.</summary>
    Ok = 0,

    /// <summary>MNT3ERR_PERM.</summary>
    NotPermitted = 1,

    /// <summary>MNT3ERR_NOENT.</summary>
    NoEntry = 2,

    /// <summary>MNT3ERR_IO.</summary>
    IO = 5,

    /// <summary>MNT3ERR_ACCES.</summary>
    AccessDenied = 13,

    /// <summary>MNT3ERR_NOTDIR.</summary>
    NotDirectory = 20,

    /// <summary>MNT3ERR_INVAL.</summary>
    InvalidArgument = 22,

    /// <summary>MNT3ERR_NAMETOOLONG.</summary>
    NameTooLong = 63,

    /// <summary>MNT3ERR_NOTSUPP.</summary>
    NotSupported = 10004,

    /// <summary>MNT3ERR_SERVERFAULT.</summary>
    ServerFault = 10006,
}
