namespace ZeroFs.Nbd.Server;

/// <summary>Settings of the NBD server. Defaults live here only; Hosting binds <c>[servers.nbd]</c> onto them.</summary>
public sealed record NbdServerOptions
{
    /// <summary>
    /// The largest READ or WRITE payload (default 32 MiB, the size the protocol says a client may always
    /// send). It is enforced from the request header, before any payload is buffered, and advertised as
    /// the maximum in NBD_INFO_BLOCK_SIZE.
    /// </summary>
    public int MaxPayload { get; init; } = 32 * 1024 * 1024;

    /// <summary>Requests of one connection processed at once (default 64); the connection stops reading while this many are in flight.</summary>
    public int MaxRequestsInFlight { get; init; } = 64;

    /// <summary>
    /// Payload bytes (WRITE data received, READ data being read) one connection may hold at once
    /// (default 64 MiB); a single request up to <see cref="MaxPayload"/> is always admitted when
    /// nothing else is in flight.
    /// </summary>
    public long MaxBytesInFlight { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// The minimum block size advertised in NBD_INFO_BLOCK_SIZE (default 1: a regular file is
    /// byte-addressable). When larger, requests whose offset or length is not a multiple get NBD_EINVAL.
    /// A power of two no larger than 64 KiB.
    /// </summary>
    public int MinimumBlockSize { get; init; } = 1;

    /// <summary>The preferred block size advertised (default 32 KiB, the filesystem's chunk: smaller writes read-modify-write).</summary>
    public int PreferredBlockSize { get; init; } = 32 * 1024;

    /// <summary>The longest option data read during the handshake (default 8 KiB); longer options are drained and get NBD_REP_ERR_TOO_BIG.</summary>
    public int MaxOptionLength { get; init; } = 8 * 1024;

    /// <summary>The directory under the filesystem root whose regular files are the exports (default ".nbd").</summary>
    public string ExportDirectory { get; init; } = ".nbd";

    /// <summary>Checks ranges and the protocol's block-size rules.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayload, 1024 * 1024, nameof(MaxPayload));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestsInFlight, 1, nameof(MaxRequestsInFlight));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytesInFlight, 1, nameof(MaxBytesInFlight));
        if (MinimumBlockSize < 1 || MinimumBlockSize > 64 * 1024 || !int.IsPow2(MinimumBlockSize))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumBlockSize), MinimumBlockSize, "must be a power of two from 1 to 65536");
        }

        if (PreferredBlockSize < Math.Max(512, MinimumBlockSize) || !int.IsPow2(PreferredBlockSize) || PreferredBlockSize > MaxPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(PreferredBlockSize), PreferredBlockSize, "must be a power of two, at least 512 and the minimum block size, at most the maximum payload");
        }

        if (MaxPayload % MinimumBlockSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPayload), MaxPayload, "must be a multiple of the minimum block size");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOptionLength, 6 + Protocol.NbdConstants.MaxStringLength, nameof(MaxOptionLength));
        if (string.IsNullOrEmpty(ExportDirectory) || ExportDirectory.Contains('/', StringComparison.Ordinal) || ExportDirectory is "." or "..")
        {
            throw new ArgumentOutOfRangeException(nameof(ExportDirectory), ExportDirectory, "must be one name directly under the root");
        }
    }
}
