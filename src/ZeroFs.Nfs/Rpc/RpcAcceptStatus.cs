namespace ZeroFs.Nfs.Rpc;

/// <summary>accept_stat (RFC 5531 §9).</summary>
public enum RpcAcceptStatus : uint
{
    /// <summary>SUCCESS: the procedure ran.</summary>
    Success = 0,

    /// <summary>PROG_UNAVAIL: the program is not served here.</summary>
    ProgramUnavailable = 1,

    /// <summary>PROG_MISMATCH: the version is not served; the reply carries the lowest and highest served.</summary>
    ProgramMismatch = 2,

    /// <summary>PROC_UNAVAIL: the program has no such procedure.</summary>
    ProcedureUnavailable = 3,

    /// <summary>GARBAGE_ARGS: the arguments could not be decoded.</summary>
    GarbageArguments = 4,

    /// <summary>SYSTEM_ERR: a server-side failure (e.g. memory).</summary>
    SystemError = 5,
}
