namespace ZeroFs.Nbd.Protocol;

/// <summary>The 16-bit transmission flags of an export (sent in NBD_INFO_EXPORT and the NBD_OPT_EXPORT_NAME reply).</summary>
[Flags]
public enum TransmissionFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>NBD_FLAG_HAS_FLAGS: always set.</summary>
    HasFlags = 1 << 0,

    /// <summary>NBD_FLAG_READ_ONLY: writes fail.</summary>
    ReadOnly = 1 << 1,

    /// <summary>NBD_FLAG_SEND_FLUSH: NBD_CMD_FLUSH is supported.</summary>
    SendFlush = 1 << 2,

    /// <summary>NBD_FLAG_SEND_FUA: NBD_CMD_FLAG_FUA is supported.</summary>
    SendFua = 1 << 3,

    /// <summary>NBD_FLAG_ROTATIONAL: the export behaves like a rotational medium.</summary>
    Rotational = 1 << 4,

    /// <summary>NBD_FLAG_SEND_TRIM: NBD_CMD_TRIM is supported.</summary>
    SendTrim = 1 << 5,

    /// <summary>NBD_FLAG_SEND_WRITE_ZEROES: NBD_CMD_WRITE_ZEROES and NBD_CMD_FLAG_NO_HOLE are supported.</summary>
    SendWriteZeroes = 1 << 6,

    /// <summary>NBD_FLAG_SEND_DF: NBD_CMD_FLAG_DF is supported (structured replies only).</summary>
    SendDf = 1 << 7,

    /// <summary>NBD_FLAG_CAN_MULTI_CONN: FLUSH and FUA on any connection cover every connection.</summary>
    CanMultiConn = 1 << 8,

    /// <summary>NBD_FLAG_SEND_RESIZE (experimental extension).</summary>
    SendResize = 1 << 9,

    /// <summary>NBD_FLAG_SEND_CACHE: NBD_CMD_CACHE is understood.</summary>
    SendCache = 1 << 10,

    /// <summary>NBD_FLAG_SEND_FAST_ZERO: NBD_CMD_FLAG_FAST_ZERO is supported on WRITE_ZEROES.</summary>
    SendFastZero = 1 << 11,
}
