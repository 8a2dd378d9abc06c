namespace ZeroFs.Nfs;

/// <summary>Settings of the NFSv3 server (the protocol part of the <c>[servers.nfs]</c> config section).</summary>
public sealed record NfsServerOptions
{
    /// <summary>
    /// Identifies the filesystem in file handles and as fattr3 fsid. Handles of another volume are
    /// NFS3ERR_STALE, so keep it constant for a bucket: clients then keep their handles across server
    /// restarts and upgrades. Default 1.
    /// </summary>
    public ulong VolumeId { get; init; } = 1;

    /// <summary>
    /// The largest RPC record accepted, fragment headers included. A peer that announces more is
    /// disconnected before the data is buffered. Default 1 MiB + 64 KiB: a WRITE of
    /// <see cref="MaxTransferSize"/> plus its headers.
    /// </summary>
    public int MaxRecordSize { get; init; } = (1024 * 1024) + (64 * 1024);

    /// <summary>The largest READ and WRITE (FSINFO rtmax and wtmax) and READDIR reply. Default 1 MiB.</summary>
    public int MaxTransferSize { get; init; } = 1024 * 1024;

    /// <summary>Calls of one connection served concurrently; the connection is not read further while this many are outstanding. Default 64.</summary>
    public int MaxRequestsInFlight { get; init; } = 64;

    /// <summary>
    /// <c>async = true</c>: reply FILE_SYNC to every WRITE and answer metadata changes without waiting
    /// for durability. Fast, and <b>fsync is not durable</b>: a crash loses writes the client believes are
    /// on disk, and files it created (their handles then go stale). Default false: UNSTABLE writes are
    /// acknowledged as UNSTABLE, DATA_SYNC/FILE_SYNC writes, COMMIT and the metadata changes (CREATE,
    /// MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME, LINK, SETATTR: RFC 1813 §4.8) wait for the
    /// durability barrier (DECISIONS.md 1).
    /// </summary>
    public bool Async { get; init; }

    /// <summary>Checks ranges; throws <see cref="ArgumentOutOfRangeException"/> on a bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTransferSize, 4096);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTransferSize, 16 * 1024 * 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordSize, MaxTransferSize + 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestsInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRequestsInFlight, 4096);
    }
}
