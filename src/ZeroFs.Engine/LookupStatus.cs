namespace ZeroFs.Engine;

/// <summary>The outcome of a point lookup at a snapshot.</summary>
public enum LookupStatus : byte
{
    /// <summary>No version of the key at or below the snapshot in this source.</summary>
    NotFound = 0,

    /// <summary>The newest visible version is a value.</summary>
    Found = 1,

    /// <summary>The newest visible version is a tombstone: older sources must not be consulted.</summary>
    Deleted = 2,
}
