namespace ZeroFs.Nfs.Rpc;

/// <summary>auth_flavor (RFC 5531 §8.2).</summary>
public enum RpcAuthFlavor : uint
{
    /// <summary>AUTH_NONE (AUTH_NULL).</summary>
    None = 0,

    /// <summary>AUTH_SYS (AUTH_UNIX): uid, gid and groups as the client asserts them.</summary>
    Sys = 1,

    /// <summary>AUTH_SHORT.</summary>
    Short = 2,

    /// <summary>AUTH_DH.</summary>
    Dh = 3,

    /// <summary>RPCSEC_GSS.</summary>
    RpcSecGss = 6,
}
