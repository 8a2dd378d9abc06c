namespace ZeroFs.ObjectStore;

/// <summary>Which backend an <see cref="ObjectStoreUrl"/> names.</summary>
public enum ObjectStoreKind
{
    /// <summary>A local directory (<see cref="LocalDirectoryObjectStore"/>).</summary>
    Local,

    /// <summary>An in-process store (<see cref="MemoryObjectStore"/>).</summary>
    Memory,

    /// <summary>An S3-compatible bucket.</summary>
    S3,
}
