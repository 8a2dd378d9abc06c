using System.Buffers;
using ZeroFs.Engine;

namespace ZeroFs.FileSystem.Storage;

/// <summary>Adapts the engine's writer to <see cref="IFileSystemStore"/>; the caller keeps ownership of the <see cref="Db"/>.</summary>
/// <param name="db">The open writer.</param>
public sealed class DbFileSystemStore(Db db) : IFileSystemStore
{
    private readonly Db _db = db ?? throw new ArgumentNullException(nameof(db));

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public long LastSeq => (long)_db.LastSeq;

    /// <inheritdoc />
    public ValueTask<LookupResult> GetAsync(ReadOnlyMemory<byte> key, IBufferWriter<byte>? value, CancellationToken cancellationToken = default) =>
        _db.GetAsync(key, value, cancellationToken);

    /// <inheritdoc />
    public DbIterator Scan(ReadOnlyMemory<byte> start, ReadOnlyMemory<byte> end) => _db.Scan(start, end);

    /// <inheritdoc />
    public ValueTask<long> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default) => _db.WriteAsync(batch, cancellationToken);

    /// <inheritdoc />
    public Task WaitDurableAsync(long seq, CancellationToken cancellationToken = default) => _db.WaitDurableAsync(seq, cancellationToken);
}
