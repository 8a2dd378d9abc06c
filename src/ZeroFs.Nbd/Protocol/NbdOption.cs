namespace ZeroFs.Nbd.Protocol;

/// <summary>Option codes of the newstyle negotiation.</summary>
public enum NbdOption : uint
{
    /// <summary>NBD_OPT_EXPORT_NAME: choose an export and enter transmission (no error reply possible).</summary>
    ExportName = 1,

    /// <summary>NBD_OPT_ABORT: the client ends the negotiation.</summary>
    Abort = 2,

    /// <summary>NBD_OPT_LIST: list the exports.</summary>
    List = 3,

    /// <summary>NBD_OPT_PEEK_EXPORT: withdrawn, unused.</summary>
    PeekExport = 4,

    /// <summary>NBD_OPT_STARTTLS: upgrade to TLS.</summary>
    StartTls = 5,

    /// <summary>NBD_OPT_INFO: describe an export without entering transmission.</summary>
    Info = 6,

    /// <summary>NBD_OPT_GO: describe an export and enter transmission.</summary>
    Go = 7,

    /// <summary>NBD_OPT_STRUCTURED_REPLY: use structured replies.</summary>
    StructuredReply = 8,

    /// <summary>NBD_OPT_LIST_META_CONTEXT: list metadata contexts.</summary>
    ListMetaContext = 9,

    /// <summary>NBD_OPT_SET_META_CONTEXT: select metadata contexts.</summary>
    SetMetaContext = 10,

    /// <summary>NBD_OPT_EXTENDED_HEADERS (experimental extension).</summary>
    ExtendedHeaders = 11,
}
