namespace ZeroFs.NineP.Protocol;

/// <summary>Tlock flags (<c>P9_LOCK_FLAGS_*</c>).</summary>
[Flags]
public enum LockFlags : uint
{
    /// <summary>Non-blocking request.</summary>
    None = 0,

    /// <summary>P9_LOCK_FLAGS_BLOCK: the caller would block (F_SETLKW).</summary>
    Block = 1,

    /// <summary>P9_LOCK_FLAGS_RECLAIM: reclaiming after a server restart.</summary>
    Reclaim = 2,
}
