namespace ZeroFs.Engine.Format;

/// <summary>The decoded fixed part of one block entry (see <see cref="EntryCodec"/>).</summary>
/// <param name="Shared">Bytes of the previous entry's key that this key starts with.</param>
/// <param name="SuffixLength">Key bytes stored after the header.</param>
/// <param name="ValueLength">Value bytes stored after the key suffix.</param>
/// <param name="Kind">Put or Delete.</param>
/// <param name="Seq">Sequence number.</param>
/// <param name="HeaderLength">Bytes the header took.</param>
internal readonly record struct EntryHeader(int Shared, int SuffixLength, int ValueLength, EntryKind Kind, ulong Seq, int HeaderLength)
{
    /// <summary>Total encoded length: header, suffix and value.</summary>
    internal int TotalLength => HeaderLength + SuffixLength + ValueLength;
}
