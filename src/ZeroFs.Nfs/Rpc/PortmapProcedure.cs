namespace ZeroFs.Nfs.Rpc;

/// <summary>Portmapper version 2 procedures (RFC 1833 §3); only NULL, GETPORT and DUMP are answered.</summary>
public enum PortmapProcedure : uint
{
    /// <summary>PMAPPROC_NULL.</summary>
    Null = 0,

    /// <summary>PMAPPROC_SET (refused: nothing registers here).</summary>
    Set = 1,

    /// <summary>PMAPPROC_UNSET (refused).</summary>
    Unset = 2,

    /// <summary>PMAPPROC_GETPORT: the port of a program, version and protocol, 0 when not served.</summary>
    GetPort = 3,

    /// <summary>PMAPPROC_DUMP: every mapping.</summary>
    Dump = 4,

    /// <summary>PMAPPROC_CALLIT (not answered).</summary>
    CallIt = 5,
}
