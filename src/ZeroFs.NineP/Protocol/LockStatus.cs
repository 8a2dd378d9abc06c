namespace ZeroFs.NineP.Protocol;

/// <summary>Rlock status (<c>P9_LOCK_*</c>).</summary>
public enum LockStatus : byte
{
    /// <summary>P9_LOCK_SUCCESS.</summary>
    Success = 0,

    /// <summary>P9_LOCK_BLOCKED: conflicting lock held; the client retries.</summary>
    Blocked = 1,

    /// <summary>P9_LOCK_ERROR.</summary>
    Error = 2,

    /// <summary>P9_LOCK_GRACE: the server is in its reclaim grace period.</summary>
    Grace = 3,
}
