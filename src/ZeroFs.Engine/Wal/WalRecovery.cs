using ZeroFs.Crypto;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Wal;

/// <summary>The WAL side of opening a writer (ENGINE.md §9 open steps 2, 5, 6).</summary>
internal static class WalRecovery
{
    /// <summary>
    /// The first missing segment id after <paramref name="after"/> (segments are contiguous from
    /// <c>walReplayAfter + 1</c>, invariant 4): HEAD probes at +1, +2, +4, … then a binary search.
    /// </summary>
    internal static async Task<ulong> FindFirstMissingAsync(IObjectStore store, ulong after, CancellationToken cancellationToken)
    {
        var present = after;
        var step = 1UL;
        ulong missing;
        while (true)
        {
            var probe = after + step;
            if (await store.HeadAsync(WalNames.Key(probe), cancellationToken).ConfigureAwait(false) is null)
            {
                missing = probe;
                break;
            }

            present = probe;
            step *= 2;
        }

        // Invariant: present exists (or is ≤ after), missing does not; find the boundary.
        while (missing - present > 1)
        {
            var middle = present + ((missing - present) / 2);
            if (await store.HeadAsync(WalNames.Key(middle), cancellationToken).ConfigureAwait(false) is null)
            {
                missing = middle;
            }
            else
            {
                present = middle;
            }
        }

        return missing;
    }

    /// <summary>Tries to create the zero-byte fence object at <paramref name="id"/> (CreateOnly).</summary>
    internal static async Task<PutStatus> TryFenceAsync(IObjectStore store, ulong id, CancellationToken cancellationToken)
    {
        var put = await store.PutAsync(WalNames.Key(id), ReadOnlyMemory<byte>.Empty, PutCondition.CreateOnly, null, cancellationToken).ConfigureAwait(false);
        return put.Status;
    }

    /// <summary>
    /// Reads segment <paramref name="id"/>: null when missing, an empty list for a fence, else its batches.
    /// </summary>
    internal static async Task<List<WalRecord>?> ReadSegmentAsync(IObjectStore store, BlockSealer sealer, ulong id, CancellationToken cancellationToken)
    {
        using var result = await store.GetAsync(WalNames.Key(id), null, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return null;
        }

        return result.Length == 0 ? [] : WalSegmentCodec.Open(sealer, id, result.Data.Span);
    }
}
