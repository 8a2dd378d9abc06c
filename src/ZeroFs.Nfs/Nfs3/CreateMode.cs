namespace ZeroFs.Nfs.Nfs3;

/// <summary>createmode3 (RFC 1813 §3.3.8).</summary>
public enum CreateMode : uint
{
    /// <summary>UNCHECKED: an existing file is not an error.</summary>
    Unchecked = 0,

    /// <summary>GUARDED: an existing file is NFS3ERR_EXIST.</summary>
    Guarded = 1,

    /// <summary>EXCLUSIVE: exactly-once creation identified by a client verifier.</summary>
    Exclusive = 2,
}
