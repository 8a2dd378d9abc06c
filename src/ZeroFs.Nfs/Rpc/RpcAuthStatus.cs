namespace ZeroFs.Nfs.Rpc;

/// <summary>auth_stat (RFC 5531 §9).</summary>
public enum RpcAuthStatus : uint
{
    /// <summary>AUTH_OK.</summary>
    Ok = 0,

    /// <summary>AUTH_BADCRED: malformed credentials.</summary>
    BadCredentials = 1,

    /// <summary>AUTH_REJECTEDCRED: the client must begin a new session.</summary>
    RejectedCredentials = 2,

    /// <summary>AUTH_BADVERF: malformed verifier.</summary>
    BadVerifier = 3,

    /// <summary>AUTH_REJECTEDVERF: verifier expired or replayed.</summary>
    RejectedVerifier = 4,

    /// <summary>AUTH_TOOWEAK: the flavor is not accepted here.</summary>
    TooWeak = 5,
}
