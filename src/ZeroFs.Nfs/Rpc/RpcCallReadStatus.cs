namespace ZeroFs.Nfs.Rpc;

/// <summary>The outcome of decoding a call header.</summary>
public enum RpcCallReadStatus
{
    /// <summary>A well-formed call header; the arguments follow.</summary>
    Ok,

    /// <summary>Not a call (too short to hold an xid and msg_type, or a REPLY): dropped without an answer.</summary>
    NotACall,

    /// <summary>A call whose header is truncated or malformed: answered with GARBAGE_ARGS to its xid.</summary>
    Malformed,
}
