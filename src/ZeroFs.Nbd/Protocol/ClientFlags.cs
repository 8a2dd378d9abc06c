namespace ZeroFs.Nbd.Protocol;

/// <summary>The 32-bit client flags that answer the greeting.</summary>
[Flags]
public enum ClientFlags : uint
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>NBD_FLAG_C_FIXED_NEWSTYLE: the client speaks fixed newstyle negotiation.</summary>
    FixedNewstyle = 1 << 0,

    /// <summary>NBD_FLAG_C_NO_ZEROES: the server must not send the 124 zeros after NBD_OPT_EXPORT_NAME.</summary>
    NoZeroes = 1 << 1,

    /// <summary>Every flag defined by the protocol; any other bit makes the server drop the connection.</summary>
    Known = FixedNewstyle | NoZeroes,
}
