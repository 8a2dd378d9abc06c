using System.Buffers;
using ZeroFs.Engine;
using ZeroFs.Engine.Readers;

namespace ZeroFs.FileSystem.Storage;

/// <summary>Adapts a read-only replica or pinned checkpoint to <see cref="IFileSystemStore"/>; the caller keeps ownership.</summary>
/// <param name="reader">The open reader.</param>
public sealed class ReaderFileSystemStore(DbReader reader) : IFileSystemStore
{
    private readonly DbReader _reader = reader ?? throw new ArgumentNullException(nameof(reader));

    /// <inheritdoc />
    public bool IsReadOnly => true;

    /// <inheritdoc />
    public long LastSeq => (long)_reader.LastSeq;

    /// <inheritdoc />
    public ValueTask<LookupResult> GetAsync(ReadOnlyMemory<byte> key, IBufferWriter<byte>? value, CancellationToken cancellationToken = default) =>
        _reader.GetAsync(key, value, cancellationToken);

    /// <inheritdoc />
    public DbIterator Scan(ReadOnlyMemory<byte> start, ReadOnlyMemory<byte> end) => _reader.Scan(start, end);

    /// <inheritdoc />
    public ValueTask<long> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default) => _reader.WriteAsync(batch, cancellationToken);

    /// <inheritdoc />
    public Task WaitDurableAsync(long seq, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
