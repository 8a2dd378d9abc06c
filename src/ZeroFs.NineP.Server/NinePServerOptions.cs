using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server;

/// <summary>Settings of a <see cref="NinePServer"/>; immutable, validated by the server's constructor.</summary>
public sealed record NinePServerOptions
{
    /// <summary>The smallest msize the server negotiates (a client proposing less is refused).</summary>
    public const uint MinimumMessageSize = 4096;

    /// <summary>
    /// The largest frame accepted before a Tversion has negotiated an msize. Tversion itself is tiny;
    /// anything larger before negotiation closes the connection without being buffered.
    /// </summary>
    public const uint PreNegotiationMessageSize = 8 * 1024;

    /// <summary>
    /// Gets the largest msize the server accepts: the negotiated msize is min(client, this).
    /// Default 4 MiB plus the 24-byte I/O header, so 4 MiB reads and writes fit in one message.
    /// Must be at least 1 MiB + 24. A frame larger than the transport's pause threshold still completes
    /// (the read loop examines everything it has), as a test over Kestrel's 1 MiB default shows.
    /// </summary>
    public uint MaxMessageSize { get; init; } = (4 * 1024 * 1024) + NinePConstants.IOHeaderSize;

    /// <summary>Gets the most fids one session may hold at once; beyond it, requests that create a fid get EMFILE. Default 65536.</summary>
    public int MaxFidsPerSession { get; init; } = 65536;

    /// <summary>
    /// Gets the most requests one connection may have in flight (being served concurrently). When all
    /// are busy the server stops reading from the connection until one finishes (back-pressure).
    /// Tflush requests have as many slots again of their own. Default 64.
    /// </summary>
    public int MaxRequestsInFlight { get; init; } = 64;

    /// <summary>
    /// Gets credentials that replace whatever Tattach names (uname/n_uname), or null (default) to use the
    /// attach's identity. The web console uses this to act as its configured user.
    /// </summary>
    public Credentials? ForcedCredentials { get; init; }

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, (1024u * 1024) + NinePConstants.IOHeaderSize, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessageSize, (uint)Array.MaxLength, nameof(MaxMessageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFidsPerSession, 1, nameof(MaxFidsPerSession));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestsInFlight, 1, nameof(MaxRequestsInFlight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRequestsInFlight, 4096, nameof(MaxRequestsInFlight));
    }
}
