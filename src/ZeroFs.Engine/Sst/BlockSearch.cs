using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Allocation-free searches inside one decoded block. Keys are compared in place: restart keys are
/// stored whole, and the linear scan after a restart tracks how much of the target each
/// prefix-compressed key matches, so no key is ever copied (get path, ENGINE.md §10).
/// </summary>
internal static class BlockSearch
{
    /// <summary>
    /// Index of the last restart point whose key is before (<paramref name="key"/>, <paramref name="seq"/>)
    /// in internal order, or 0 when none is.
    /// </summary>
    internal static int FindRestart(ReadOnlySpan<byte> block, BlockLayout layout, ReadOnlySpan<byte> key, ulong seq)
    {
        var lo = 0;
        var hi = layout.RestartCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            var offset = layout.RestartOffset(block, mid);
            var entry = block[offset..layout.DataEnd];
            if (!EntryCodec.TryReadHeader(entry, out var h) || h.Shared != 0)
            {
                ThrowHelper.ThrowCorruption("malformed restart entry");
            }

            var restartKey = entry.Slice(h.HeaderLength, h.SuffixLength);
            if (InternalKey.Compare(restartKey, h.Seq, key, seq) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>
    /// Finds the newest version of <paramref name="userKey"/> with seq ≤ <paramref name="snapshot"/>.
    /// On success <paramref name="found"/> locates it; its value is
    /// <c>block.Slice(found.ValueOffset, found.Header.ValueLength)</c>.
    /// </summary>
    internal static bool TryFind(ReadOnlySpan<byte> block, BlockLayout layout, ReadOnlySpan<byte> userKey, ulong snapshot, out BlockHit found)
    {
        var restart = FindRestart(block, layout, userKey, snapshot);
        var pos = layout.RestartOffset(block, restart);
        var end = layout.DataEnd;

        // match = length of the common prefix of the previous key and the target;
        // previousCmp = sign of (previous key vs target). Both describe the previous entry.
        var match = 0;
        var previousLength = 0;
        var previousCmp = -1;
        while (pos < end)
        {
            if (!EntryCodec.TryReadHeader(block[pos..end], out var h) || h.Shared > previousLength)
            {
                ThrowHelper.ThrowCorruption("malformed block entry");
            }

            int cmp;
            if (h.Shared > match)
            {
                // The key keeps the previous key's byte where that key diverged from the target.
                cmp = previousCmp;
            }
            else
            {
                var suffix = block.Slice(pos + h.HeaderLength, h.SuffixLength);
                var rest = userKey[h.Shared..];
                var m = suffix.CommonPrefixLength(rest);
                match = h.Shared + m;
                if (m < suffix.Length && m < rest.Length)
                {
                    cmp = suffix[m] < rest[m] ? -1 : 1;
                }
                else
                {
                    cmp = suffix.Length.CompareTo(rest.Length);
                }
            }

            if (cmp > 0)
            {
                break;
            }

            if (cmp == 0 && h.Seq <= snapshot)
            {
                found = new BlockHit(h, pos + h.HeaderLength + h.SuffixLength);
                return true;
            }

            previousCmp = cmp;
            previousLength = h.Shared + h.SuffixLength;
            pos += h.TotalLength;
        }

        found = default;
        return false;
    }
}
