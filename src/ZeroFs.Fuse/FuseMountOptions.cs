using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>Settings of a <see cref="FuseMount"/>.</summary>
public sealed record FuseMountOptions
{
    /// <summary>Gets the 9P server: <c>host:port</c>, <c>host</c> (port 5564) or <c>unix:/path</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Gets the directory to mount on.</summary>
    public required string MountPoint { get; init; }

    /// <summary>Gets the 9P attach name (aname): the tree to mount on servers that export several; ZeroFS serves one tree.</summary>
    public string AttachName { get; init; } = "";

    /// <summary>Gets a value indicating whether the mount is read-only (the kernel refuses writes with EROFS).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Gets a value indicating whether the kernel may buffer writes in its page cache (FUSE writeback cache); fsync still reaches the server.</summary>
    public bool WritebackCache { get; init; }

    /// <summary>
    /// Gets whether other users may use the mount (FUSE allow_other); null = when running as root. Their
    /// requests attach as their own uid, so the server decides what they may do.
    /// </summary>
    public bool? AllowOther { get; init; }

    /// <summary>
    /// Gets a value indicating whether the kernel also checks permission bits before sending a request
    /// (FUSE default_permissions). The server checks every request as the caller's uid regardless; this
    /// keeps the rules right on servers that trust their clients to check (diod does).
    /// </summary>
    public bool KernelPermissionChecks { get; init; } = true;

    /// <summary>Gets how long the kernel may cache attributes.</summary>
    public TimeSpan AttributeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how long the kernel may cache names.</summary>
    public TimeSpan EntryTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how long a request waits for the server to come back before failing with EIO.</summary>
    public TimeSpan ReconnectWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the msize proposed to the server; the kernel's largest read and write follow the negotiated value.</summary>
    public uint MessageSize { get; init; } = (1024 * 1024) + NinePConstants.IOHeaderSize;

    /// <summary>Gets the number of threads reading /dev/fuse (callbacks never block, so a few suffice).</summary>
    public int WorkerThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 2, 4);

    /// <summary>Validates the settings.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(MountPoint);
        _ = NinePEndpoint.Parse(Endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkerThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MessageSize, NinePClientOptions.MinimumMessageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReconnectWait, TimeSpan.Zero);
    }
}
