using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>WRITE3res (RFC 1813 §3.3.7): the file's wcc data and, on success, the count, how it was committed and the write verifier.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Wcc">The file's weak cache consistency data.</param>
/// <param name="Count">Bytes written.</param>
/// <param name="Committed">How durable the data is.</param>
/// <param name="Verifier">The write verifier: it changes only when unstable data may have been lost.</param>
public readonly record struct WriteReply(Nfs3Status Status, WccData Wcc, uint Count, StableHow Committed, ulong Verifier) : IXdrMessage<WriteReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out WriteReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadWcc(ref reader, out var wcc))
        {
            return false;
        }

        uint count = 0, committed = 0;
        ulong verifier = 0;
        if (status == 0 && (!reader.TryReadUInt32(out count) || !reader.TryReadUInt32(out committed) || !reader.TryReadUInt64(out verifier)))
        {
            return false;
        }

        value = new WriteReply((Nfs3Status)status, wcc, count, (StableHow)committed, verifier);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WriteWcc(ref writer, Wcc);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteUInt32(Count);
            writer.WriteUInt32((uint)Committed);
            writer.WriteUInt64(Verifier);
        }
    }
}
