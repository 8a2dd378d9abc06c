namespace ZeroFs.Nfs.Rpc;

/// <summary>Program numbers and limits of ONC RPC (RFC 5531) and the programs served here.</summary>
public static class RpcConstants
{
    /// <summary>The RPC protocol version (rpcvers), always 2.</summary>
    public const uint RpcVersion = 2;

    /// <summary>The portmapper / rpcbind program (100000), answered in version 2.</summary>
    public const uint PortmapProgram = 100000;

    /// <summary>The NFS program (100003), answered in version 3.</summary>
    public const uint NfsProgram = 100003;

    /// <summary>The MOUNT program (100005), answered in version 3 (RFC 1813 appendix I).</summary>
    public const uint MountProgram = 100005;

    /// <summary>The portmapper version served.</summary>
    public const uint PortmapVersion = 2;

    /// <summary>The NFS version served.</summary>
    public const uint NfsVersion = 3;

    /// <summary>The MOUNT version served.</summary>
    public const uint MountVersion = 3;

    /// <summary>The largest opaque_auth body (RFC 5531 §8.2).</summary>
    public const int MaxAuthBodyLength = 400;

    /// <summary>The IP protocol number of TCP (portmapper mappings).</summary>
    public const uint ProtocolTcp = 6;

    /// <summary>The IP protocol number of UDP (portmapper mappings).</summary>
    public const uint ProtocolUdp = 17;
}
