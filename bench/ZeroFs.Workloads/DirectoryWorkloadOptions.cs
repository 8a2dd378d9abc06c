namespace ZeroFs.Workloads;

/// <summary>Sizes for the <c>dir</c> workload (defaults as in the brief; the rig's guest uses smaller ones).</summary>
internal sealed record DirectoryWorkloadOptions
{
    /// <summary>The mounted directory under test; the workload works in a subdirectory and removes it.</summary>
    public required string Directory { get; init; }

    /// <summary>A directory to run the same steps in for comparison (e.g. a tmpfs), or null.</summary>
    public string? Baseline { get; init; }

    /// <summary>Empty files created, then stat-walked.</summary>
    public int EmptyFiles { get; init; } = 10_000;

    /// <summary>4 KiB files written, read back and renamed.</summary>
    public int SmallFiles { get; init; } = 1_000;

    /// <summary>Size of the sequential write/read file, MiB.</summary>
    public long BigMib { get; init; } = 1024;

    /// <summary>Random 4 KiB reads of the big file.</summary>
    public int RandomReads { get; init; } = 10_000;

    /// <summary>512-byte appends, each followed by fsync.</summary>
    public int Appends { get; init; } = 1_000;

    /// <summary>Files in the synthetic source tree that is untarred and tarred.</summary>
    public int TreeFiles { get; init; } = 5_000;
}
