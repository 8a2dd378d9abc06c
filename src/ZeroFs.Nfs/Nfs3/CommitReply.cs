using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>COMMIT3res (RFC 1813 §3.3.21): the file's wcc data and, on success, the write verifier.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Wcc">The file's wcc data.</param>
/// <param name="Verifier">The write verifier.</param>
public readonly record struct CommitReply(Nfs3Status Status, WccData Wcc, ulong Verifier) : IXdrMessage<CommitReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out CommitReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadWcc(ref reader, out var wcc))
        {
            return false;
        }

        ulong verifier = 0;
        if (status == 0 && !reader.TryReadUInt64(out verifier))
        {
            return false;
        }

        value = new CommitReply((Nfs3Status)status, wcc, verifier);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WriteWcc(ref writer, Wcc);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteUInt64(Verifier);
        }
    }
}
