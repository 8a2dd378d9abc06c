namespace ZeroFs.Nfs.Nfs3;

/// <summary>stable_how (RFC 1813 §3.3.7).</summary>
public enum StableHow : uint
{
    /// <summary>UNSTABLE: the data may be lost until a COMMIT.</summary>
    Unstable = 0,

    /// <summary>DATA_SYNC: data (and the metadata to find it) durable before the reply.</summary>
    DataSync = 1,

    /// <summary>FILE_SYNC: data and metadata durable before the reply.</summary>
    FileSync = 2,
}
