namespace ZeroFs.NineP.Protocol;

/// <summary>Tlock/Tgetlock lock type (<c>P9_LOCK_TYPE_*</c>).</summary>
public enum LockType : byte
{
    /// <summary>P9_LOCK_TYPE_RDLCK: shared.</summary>
    Read = 0,

    /// <summary>P9_LOCK_TYPE_WRLCK: exclusive.</summary>
    Write = 1,

    /// <summary>P9_LOCK_TYPE_UNLCK: release, or "no conflict" in Rgetlock.</summary>
    Unlock = 2,
}
