namespace ZeroFs.Nbd.Protocol;

/// <summary>The 16-bit handshake flags of the server greeting.</summary>
[Flags]
public enum HandshakeFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>NBD_FLAG_FIXED_NEWSTYLE: the server speaks fixed newstyle negotiation.</summary>
    FixedNewstyle = 1 << 0,

    /// <summary>NBD_FLAG_NO_ZEROES: the server can omit the 124 zeros after NBD_OPT_EXPORT_NAME.</summary>
    NoZeroes = 1 << 1,
}
