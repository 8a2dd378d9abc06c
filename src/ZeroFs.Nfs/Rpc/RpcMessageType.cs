namespace ZeroFs.Nfs.Rpc;

/// <summary>msg_type (RFC 5531 §9).</summary>
public enum RpcMessageType : uint
{
    /// <summary>CALL.</summary>
    Call = 0,

    /// <summary>REPLY.</summary>
    Reply = 1,
}
