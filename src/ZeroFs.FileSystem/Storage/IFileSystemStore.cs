using System.Buffers;
using ZeroFs.Engine;

namespace ZeroFs.FileSystem.Storage;

/// <summary>
/// The narrow slice of the engine the filesystem needs, so one core runs over a writer
/// (<see cref="Db"/>) or a read-only replica or checkpoint (<see cref="Engine.Readers.DbReader"/>).
/// </summary>
public interface IFileSystemStore
{
    /// <summary>True when every write would throw <see cref="ReadOnlyException"/>.</summary>
    bool IsReadOnly { get; }

    /// <summary>The newest committed seq.</summary>
    long LastSeq { get; }

    /// <summary>Point lookup; a found value is written to <paramref name="value"/>.</summary>
    ValueTask<LookupResult> GetAsync(ReadOnlyMemory<byte> key, IBufferWriter<byte>? value, CancellationToken cancellationToken = default);

    /// <summary>Scans [<paramref name="start"/>, <paramref name="end"/>).</summary>
    DbIterator Scan(ReadOnlyMemory<byte> start, ReadOnlyMemory<byte> end);

    /// <summary>Commits one atomic batch; returns its seq.</summary>
    ValueTask<long> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Completes when every batch up to <paramref name="seq"/> is durable.</summary>
    Task WaitDurableAsync(long seq, CancellationToken cancellationToken = default);
}
