namespace ZeroFs.NineP.Protocol;

/// <summary>
/// One Rreaddir entry: <c>qid[13] offset[8] type[1] name[s]</c>. <see cref="Offset"/> is the cookie a
/// following Treaddir passes to continue after this entry; <see cref="Type"/> is the <c>d_type</c>
/// (DT_DIR 4, DT_REG 8, DT_LNK 10, …).
/// </summary>
/// <param name="qid">The entry's qid.</param>
/// <param name="offset">Cookie of this entry.</param>
/// <param name="type">Linux d_type.</param>
/// <param name="name">Name bytes.</param>
public readonly ref struct DirectoryEntry(Qid qid, ulong offset, byte type, ReadOnlySpan<byte> name)
{
    /// <summary>Gets the entry's qid.</summary>
    public Qid Qid { get; } = qid;

    /// <summary>Gets the cookie of this entry.</summary>
    public ulong Offset { get; } = offset;

    /// <summary>Gets the Linux d_type.</summary>
    public byte Type { get; } = type;

    /// <summary>Gets the name bytes (not necessarily UTF-8).</summary>
    public ReadOnlySpan<byte> Name { get; } = name;

    /// <summary>Gets the encoded length of this entry.</summary>
    public int EncodedLength => NinePConstants.DirectoryEntryOverhead + Name.Length;

    /// <summary>Encodes the entry into <paramref name="destination"/> if it fits (servers fill Rreaddir up to count).</summary>
    /// <param name="destination">Free space in the reply.</param>
    /// <param name="bytesWritten">Bytes written, or 0.</param>
    /// <returns>False when the entry does not fit or the name is longer than 65535 bytes.</returns>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = EncodedLength;
        if (length > destination.Length || Name.Length > ushort.MaxValue)
        {
            return false;
        }

        NinePFrame.WriteQid(destination, Qid);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[13..], Offset);
        destination[21] = Type;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], (ushort)Name.Length);
        Name.CopyTo(destination[24..]);
        bytesWritten = length;
        return true;
    }

    /// <summary>Describes the entry for diagnostics.</summary>
    /// <returns>All fields.</returns>
    public override string ToString() => $"DirectoryEntry {{ Qid = {Qid}, Offset = {Offset}, Type = {Type}, Name = {NinePFormat.Bytes(Name)} }}";
}
