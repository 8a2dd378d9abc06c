namespace ZeroFs.Engine;

/// <summary>A point lookup's outcome; the value bytes were written to the caller's buffer.</summary>
/// <param name="Status">Found, deleted or not found.</param>
/// <param name="Seq">Sequence number of the version found (0 when not found).</param>
/// <param name="ValueLength">Bytes written to the value destination.</param>
public readonly record struct LookupResult(LookupStatus Status, ulong Seq, int ValueLength)
{
    /// <summary>Nothing found.</summary>
    public static LookupResult NotFound => default;

    /// <summary>True when the search can stop (a value or a tombstone was found).</summary>
    public bool IsTerminal => Status != LookupStatus.NotFound;
}
