using ZeroFs.Engine.Format;

namespace ZeroFs.Engine;

/// <summary>
/// An atomic group of puts and deletes (ENGINE.md §9). The whole batch gets one sequence number,
/// so readers see all of it or none. A key appears at most once: a later operation on the same
/// key replaces the earlier one (last write wins) in place. Keys are 1..64 KiB and values shorter
/// than 256 MiB; violations throw <see cref="ArgumentException"/> when the operation is added.
/// Not thread-safe; the bytes are copied in, so callers may reuse their buffers.
/// </summary>
public sealed class WriteBatch
{
    private readonly List<BatchEntry> _entries = [];
    private readonly Dictionary<byte[], int> _positions = new(ByteArrayComparer.Instance);
    private long _approximateBytes;

    /// <summary>Number of distinct keys in the batch.</summary>
    public int Count => _entries.Count;

    /// <summary>Sum of key and value lengths.</summary>
    public long ApproximateBytes => _approximateBytes;

    /// <summary>The operation at <paramref name="index"/>, in first-added order.</summary>
    public BatchEntry this[int index] => _entries[index];

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>.</summary>
    public WriteBatch Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        KeyLimits.Validate(key, value.Length);
        Set(new BatchEntry(EntryKind.Put, key.ToArray(), value.ToArray()));
        return this;
    }

    /// <summary>Deletes <paramref name="key"/> (writes a tombstone).</summary>
    public WriteBatch Delete(ReadOnlySpan<byte> key)
    {
        KeyLimits.Validate(key, 0);
        Set(new BatchEntry(EntryKind.Delete, key.ToArray(), ReadOnlyMemory<byte>.Empty));
        return this;
    }

    /// <summary>Removes every operation.</summary>
    public void Clear()
    {
        _entries.Clear();
        _positions.Clear();
        _approximateBytes = 0;
    }

    private void Set(BatchEntry entry)
    {
        var key = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(entry.Key, out var segment) ? segment.Array! : entry.Key.ToArray();
        if (_positions.TryGetValue(key, out var index))
        {
            var old = _entries[index];
            _approximateBytes -= old.Key.Length + old.Value.Length;
            _entries[index] = entry;
        }
        else
        {
            _positions.Add(key, _entries.Count);
            _entries.Add(entry);
        }

        _approximateBytes += entry.Key.Length + entry.Value.Length;
    }
}
