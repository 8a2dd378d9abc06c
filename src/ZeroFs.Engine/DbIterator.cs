using ZeroFs.Engine.Iterators;

namespace ZeroFs.Engine;

/// <summary>
/// A forward scan over visible keys at a snapshot (returned by <see cref="Db.Scan"/> and
/// <see cref="Snapshot.Scan"/>). <see cref="Key"/> and <see cref="Value"/> stay valid until the
/// next move. Not thread-safe; dispose when done.
/// </summary>
public sealed class DbIterator : IDisposable
{
    private readonly VisibleIterator _inner;

    internal DbIterator(VisibleIterator inner) => _inner = inner;

    /// <summary>The current key.</summary>
    public ReadOnlySpan<byte> Key => _inner.Key;

    /// <summary>The current value.</summary>
    public ReadOnlyMemory<byte> Value => _inner.Value;

    /// <summary>Moves to the next visible key; false at the end of the range.</summary>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default) => _inner.MoveNextAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();
}
