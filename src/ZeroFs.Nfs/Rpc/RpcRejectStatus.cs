namespace ZeroFs.Nfs.Rpc;

/// <summary>reject_stat (RFC 5531 §9).</summary>
public enum RpcRejectStatus : uint
{
    /// <summary>RPC_MISMATCH: the RPC version is not 2; the reply carries the lowest and highest supported.</summary>
    RpcMismatch = 0,

    /// <summary>AUTH_ERROR: the credentials were refused; the reply carries an <see cref="RpcAuthStatus"/>.</summary>
    AuthError = 1,
}
