using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>READ3res (RFC 1813 §3.3.6): the file's attributes and, on success, the count, eof and the data.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Attributes">The file's attributes.</param>
/// <param name="Count">Bytes returned.</param>
/// <param name="Eof">True when the read reached the end of the file.</param>
/// <param name="Data">The bytes.</param>
public readonly record struct ReadReply(Nfs3Status Status, Nfs3Attributes? Attributes, uint Count, bool Eof, ReadOnlyMemory<byte> Data) : IXdrMessage<ReadReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ReadReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        uint count = 0;
        var eof = false;
        var data = ReadOnlyMemory<byte>.Empty;
        if (status == 0 && (!reader.TryReadUInt32(out count) || !reader.TryReadBool(out eof) || !reader.TryReadOpaqueMemory(int.MaxValue, out data)))
        {
            return false;
        }

        value = new ReadReply((Nfs3Status)status, attributes, count, eof, data);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        WriteHeader(ref writer, Status, Attributes, Count, Eof);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteOpaque(Data.Span);
        }
    }

    /// <summary>Writes everything before the data (the server appends the data itself with <see cref="XdrWriter.WriteOpaque"/>).</summary>
    public static void WriteHeader(ref XdrWriter writer, Nfs3Status status, in Nfs3Attributes? attributes, uint count, bool eof)
    {
        writer.WriteUInt32((uint)status);
        Nfs3Xdr.WritePostOpAttributes(ref writer, attributes);
        if (status == Nfs3Status.Ok)
        {
            writer.WriteUInt32(count);
            writer.WriteBool(eof);
        }
    }
}
