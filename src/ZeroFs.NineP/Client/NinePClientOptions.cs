using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>Settings of a <see cref="NinePClient"/>.</summary>
public sealed record NinePClientOptions
{
    /// <summary>Smallest msize accepted from a server.</summary>
    public const uint MinimumMessageSize = 4096;

    /// <summary>
    /// Gets the msize proposed in Tversion; the server may lower it. Default 1 MiB plus the I/O header,
    /// so 1 MiB reads and writes fit in one message.
    /// </summary>
    public uint MessageSize { get; init; } = (1024 * 1024) + NinePConstants.IOHeaderSize;

    /// <summary>
    /// Gets the most requests in flight at once; callers beyond it wait for a tag. At most 32767: as many
    /// tags again are reserved for Tflush, so cancelling every request at once cannot starve the flushes.
    /// </summary>
    public int MaxInFlight { get; init; } = 1024;

    /// <summary>
    /// Gets a value indicating whether the code awaiting a reply runs on the read loop, inside the completion,
    /// instead of being queued to the thread pool. That saves a thread hop (a context switch) per request,
    /// which is most of a request's cost on a loopback connection. Only for callers whose continuations
    /// never block: while one runs, no other reply is read. Off by default.
    /// </summary>
    public bool InlineContinuations { get; init; }

    /// <summary>Validates the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MessageSize, MinimumMessageSize, nameof(MessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1, nameof(MaxInFlight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxInFlight, NinePConstants.NoTag / 2, nameof(MaxInFlight));
    }
}
