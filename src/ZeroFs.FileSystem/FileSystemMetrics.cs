using System.Diagnostics.Metrics;

namespace ZeroFs.FileSystem;

/// <summary>The <c>ZeroFs.FileSystem</c> meter: operation and byte counters.</summary>
internal static class FileSystemMetrics
{
    public static readonly Meter Meter = new("ZeroFs.FileSystem");

    public static readonly Counter<long> Creates = Meter.CreateCounter<long>("zerofs.fs.creates", description: "Inodes created");

    public static readonly Counter<long> Removes = Meter.CreateCounter<long>("zerofs.fs.removes", description: "Entries removed");

    public static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>("zerofs.fs.bytes_written", "By", "File bytes written");

    public static readonly Counter<long> BytesRead = Meter.CreateCounter<long>("zerofs.fs.bytes_read", "By", "File bytes read");

    public static readonly Counter<long> ChunksReaped = Meter.CreateCounter<long>("zerofs.fs.chunks_reaped", description: "Chunks deleted by the reaper");
}
