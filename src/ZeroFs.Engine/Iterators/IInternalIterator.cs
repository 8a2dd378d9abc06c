namespace ZeroFs.Engine.Iterators;

/// <summary>
/// A forward cursor over internal entries (user key ascending, seq descending) of one source:
/// a memtable, a table or a merge of them. Every version and tombstone is visible here;
/// snapshot visibility is applied on top by <c>VisibleIterator</c>. The current key and
/// value stay valid until the next move. Moves return <see cref="ValueTask{TResult}"/> that
/// complete synchronously unless a block must be fetched.
/// </summary>
internal interface IInternalIterator : IDisposable
{
    /// <summary>True when positioned on an entry.</summary>
    bool IsValid { get; }

    /// <summary>The current user key.</summary>
    ReadOnlySpan<byte> Key { get; }

    /// <summary>The current sequence number.</summary>
    ulong Seq { get; }

    /// <summary>The current kind.</summary>
    EntryKind Kind { get; }

    /// <summary>The current value (empty for tombstones).</summary>
    ReadOnlyMemory<byte> Value { get; }

    /// <summary>Positions at the first entry whose user key is ≥ <paramref name="userKey"/> (its newest version).</summary>
    ValueTask<bool> SeekAsync(ReadOnlyMemory<byte> userKey, CancellationToken cancellationToken = default);

    /// <summary>Positions at the first entry.</summary>
    ValueTask<bool> SeekToFirstAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves to the next entry; false at the end.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default);
}
