namespace ZeroFs.Nfs.Rpc;

/// <summary>reply_stat (RFC 5531 §9).</summary>
public enum RpcReplyStatus : uint
{
    /// <summary>MSG_ACCEPTED.</summary>
    Accepted = 0,

    /// <summary>MSG_DENIED.</summary>
    Denied = 1,
}
