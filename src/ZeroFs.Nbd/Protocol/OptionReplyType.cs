namespace ZeroFs.Nbd.Protocol;

/// <summary>Reply types of the fixed-newstyle negotiation; errors have bit 31 set.</summary>
public enum OptionReplyType : uint
{
    /// <summary>NBD_REP_ACK: the option succeeded (or a list ended).</summary>
    Ack = 1,

    /// <summary>NBD_REP_SERVER: one export of an NBD_OPT_LIST reply.</summary>
    Server = 2,

    /// <summary>NBD_REP_INFO: one piece of information about an export.</summary>
    Info = 3,

    /// <summary>NBD_REP_META_CONTEXT: one metadata context.</summary>
    MetaContext = 4,

    /// <summary>NBD_REP_ERR_UNSUP: the option is unknown to this server.</summary>
    ErrorUnsupported = 0x8000_0001,

    /// <summary>NBD_REP_ERR_POLICY: known but forbidden by policy.</summary>
    ErrorPolicy = 0x8000_0002,

    /// <summary>NBD_REP_ERR_INVALID: known but syntactically or semantically invalid.</summary>
    ErrorInvalid = 0x8000_0003,

    /// <summary>NBD_REP_ERR_PLATFORM: not supported on this platform.</summary>
    ErrorPlatform = 0x8000_0004,

    /// <summary>NBD_REP_ERR_TLS_REQD: TLS must be initiated first.</summary>
    ErrorTlsRequired = 0x8000_0005,

    /// <summary>NBD_REP_ERR_UNKNOWN: the requested export is not available.</summary>
    ErrorUnknown = 0x8000_0006,

    /// <summary>NBD_REP_ERR_SHUTDOWN: the server is shutting down.</summary>
    ErrorShutdown = 0x8000_0007,

    /// <summary>NBD_REP_ERR_BLOCK_SIZE_REQD: the client must request block sizes first.</summary>
    ErrorBlockSizeRequired = 0x8000_0008,

    /// <summary>NBD_REP_ERR_TOO_BIG: the request or reply is too large.</summary>
    ErrorTooBig = 0x8000_0009,
}
