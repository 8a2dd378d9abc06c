using System.Buffers;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine;

/// <summary>
/// An open sorted run (ENGINE.md §8, §10): key-disjoint tables in key order. A point get binary
/// searches the table whose key range may hold the key, then asks that table (bloom → index →
/// block); at most one table of a run is consulted per get. Immutable and thread-safe.
/// </summary>
internal sealed class RunReader
{
    /// <summary>Wraps the open tables of run <paramref name="id"/>; <paramref name="tables"/> are in key order.</summary>
    internal RunReader(uint id, SstReader[] tables)
    {
        Id = id;
        Tables = tables;
    }

    /// <summary>The run id (higher = newer).</summary>
    internal uint Id { get; }

    /// <summary>The tables, in key order, key-disjoint.</summary>
    internal SstReader[] Tables { get; }

    /// <summary>The index of the first table whose largest key is ≥ <paramref name="userKey"/> (Tables.Length if none).</summary>
    internal int FindTable(ReadOnlySpan<byte> userKey)
    {
        int low = 0, high = Tables.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Tables[middle].Properties.MaxKey.AsSpan().SequenceCompareTo(userKey) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The newest version of <paramref name="userKey"/> with seq ≤ <paramref name="snapshot"/> in this run.</summary>
    internal ValueTask<LookupResult> GetAsync(
        ReadOnlyMemory<byte> userKey, ulong snapshot, IBufferWriter<byte>? value, CancellationToken cancellationToken = default)
    {
        var index = FindTable(userKey.Span);
        return index < Tables.Length
            ? Tables[index].GetAsync(userKey, snapshot, value, cancellationToken)
            : new ValueTask<LookupResult>(LookupResult.NotFound);
    }
}
