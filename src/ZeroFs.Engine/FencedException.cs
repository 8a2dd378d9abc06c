namespace ZeroFs.Engine;

/// <summary>
/// A newer writer took over the bucket (ENGINE.md §9 fencing): this process stopped accepting writes.
/// Retrying in this process never helps; reopen to become the writer again (which fences the other).
/// </summary>
public sealed class FencedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FencedException()
        : base("a newer writer took over this bucket; this process stopped accepting writes")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FencedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the standard message for a takeover by epoch <paramref name="newerEpoch"/>.</summary>
    public static FencedException ByEpoch(ulong newerEpoch, ulong ownEpoch) =>
        new($"a newer writer (epoch {newerEpoch}) took over this bucket; this process (epoch {ownEpoch}) stopped accepting writes");
}
