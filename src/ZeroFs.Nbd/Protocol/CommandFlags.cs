namespace ZeroFs.Nbd.Protocol;

/// <summary>The 16-bit command flags of a transmission request.</summary>
[Flags]
public enum CommandFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>NBD_CMD_FLAG_FUA: reply only once the command's writes are durable.</summary>
    Fua = 1 << 0,

    /// <summary>NBD_CMD_FLAG_NO_HOLE: WRITE_ZEROES must allocate, not punch a hole.</summary>
    NoHole = 1 << 1,

    /// <summary>NBD_CMD_FLAG_DF: do not fragment a structured READ reply.</summary>
    DontFragment = 1 << 2,

    /// <summary>NBD_CMD_FLAG_REQ_ONE: one extent per BLOCK_STATUS context.</summary>
    RequestOne = 1 << 3,

    /// <summary>NBD_CMD_FLAG_FAST_ZERO: fail WRITE_ZEROES with NBD_ENOTSUP unless it is faster than a write.</summary>
    FastZero = 1 << 4,
}
