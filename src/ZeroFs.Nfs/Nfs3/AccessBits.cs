namespace ZeroFs.Nfs.Nfs3;

/// <summary>The ACCESS3 bits (RFC 1813 §3.3.4).</summary>
[Flags]
public enum AccessBits : uint
{
    /// <summary>No bits.</summary>
    None = 0,

    /// <summary>ACCESS3_READ: read data or list a directory.</summary>
    Read = 0x01,

    /// <summary>ACCESS3_LOOKUP: look up a name in a directory.</summary>
    Lookup = 0x02,

    /// <summary>ACCESS3_MODIFY: rewrite data or change a directory entry.</summary>
    Modify = 0x04,

    /// <summary>ACCESS3_EXTEND: append data or add a directory entry.</summary>
    Extend = 0x08,

    /// <summary>ACCESS3_DELETE: delete a directory entry.</summary>
    Delete = 0x10,

    /// <summary>ACCESS3_EXECUTE: execute a file.</summary>
    Execute = 0x20,
}
