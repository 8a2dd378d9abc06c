namespace ZeroFs.Engine.Format;

/// <summary>
/// The internal order of the tree (ENGINE.md §5): user key ascending (byte-wise), then sequence
/// number descending, so the newest version of a key comes first.
/// </summary>
internal static class InternalKey
{
    /// <summary>Sequence number that is newer than every real write: seeks to it land on a key's newest version.</summary>
    internal const ulong MaxSeq = ulong.MaxValue;

    /// <summary>Compares (<paramref name="aKey"/>, <paramref name="aSeq"/>) with (<paramref name="bKey"/>, <paramref name="bSeq"/>).</summary>
    internal static int Compare(ReadOnlySpan<byte> aKey, ulong aSeq, ReadOnlySpan<byte> bKey, ulong bSeq)
    {
        var c = aKey.SequenceCompareTo(bKey);
        if (c != 0)
        {
            return c;
        }

        return bSeq.CompareTo(aSeq);
    }
}
