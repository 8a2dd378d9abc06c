using System.Text;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// The qids of an Rwalk, <c>nwqid[2] nwqid*(qid[13])</c>, at most 16. Built from a span of
/// <see cref="Qid"/> when sending; a view over the frame (no copy) when parsed.
/// </summary>
public readonly ref struct QidList
{
    private readonly ReadOnlySpan<byte> _encoded;
    private readonly ReadOnlySpan<Qid> _qids;
    private readonly bool _isEncoded;

    /// <summary>Wraps qids to send.</summary>
    /// <param name="qids">At most 16 qids.</param>
    /// <exception cref="ArgumentOutOfRangeException">More than 16 qids.</exception>
    public QidList(ReadOnlySpan<Qid> qids)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qids.Length, NinePConstants.MaxWalkElements, nameof(qids));
        _qids = qids;
        Count = qids.Length;
    }

    private QidList(ReadOnlySpan<byte> encoded)
    {
        _encoded = encoded;
        _isEncoded = true;
        Count = encoded.Length / Qid.EncodedLength;
    }

    /// <summary>Gets the number of qids.</summary>
    public int Count { get; }

    /// <summary>Gets the wire length including the nwqid count.</summary>
    public int EncodedLength => 2 + (Count * Qid.EncodedLength);

    /// <summary>Gets the qid at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based index below <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public Qid this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _isEncoded ? NinePFrame.ReadQid(_encoded.Slice(index * Qid.EncodedLength, Qid.EncodedLength)) : _qids[index];
        }
    }

    /// <summary>Writes <c>nwqid[2]</c> and the qids.</summary>
    /// <param name="writer">Destination.</param>
    public void Write(ref NinePWriter writer)
    {
        writer.WriteUInt16((ushort)Count);
        if (_isEncoded)
        {
            writer.WriteBytes(_encoded);
            return;
        }

        foreach (var qid in _qids)
        {
            writer.WriteQid(qid);
        }
    }

    /// <summary>Lists the qids for diagnostics.</summary>
    /// <returns>The qids in brackets.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < Count; i++)
        {
            text.Append(i > 0 ? ", " : string.Empty).Append(this[i]);
        }

        return text.Append(']').ToString();
    }

    /// <summary>Reads and validates the qids: count at most 16 and all present.</summary>
    internal static bool TryRead(scoped ref NinePReader reader, out QidList qids)
    {
        qids = default;
        if (!reader.TryReadUInt16(out var count)
            || count > NinePConstants.MaxWalkElements
            || !reader.TryReadBytes(count * Qid.EncodedLength, out var encoded))
        {
            return false;
        }

        qids = new QidList(encoded);
        return true;
    }
}
