namespace ZeroFs.Nbd.Protocol;

/// <summary>Request types of the transmission phase.</summary>
public enum NbdCommand : ushort
{
    /// <summary>NBD_CMD_READ.</summary>
    Read = 0,

    /// <summary>NBD_CMD_WRITE: the payload follows the header.</summary>
    Write = 1,

    /// <summary>NBD_CMD_DISC: soft disconnect, no reply.</summary>
    Disconnect = 2,

    /// <summary>NBD_CMD_FLUSH: every completed write reaches stable storage.</summary>
    Flush = 3,

    /// <summary>NBD_CMD_TRIM: the range is no longer needed.</summary>
    Trim = 4,

    /// <summary>NBD_CMD_CACHE: the client will access the range soon.</summary>
    Cache = 5,

    /// <summary>NBD_CMD_WRITE_ZEROES: the range reads back as zeros.</summary>
    WriteZeroes = 6,

    /// <summary>NBD_CMD_BLOCK_STATUS (needs structured replies; not supported here).</summary>
    BlockStatus = 7,

    /// <summary>NBD_CMD_RESIZE (experimental extension).</summary>
    Resize = 8,
}
