using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>READLINK3res (RFC 1813 §3.3.5): the symlink's attributes and, on success, its target.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Attributes">The symlink's attributes.</param>
/// <param name="Target">The target path (on success).</param>
public readonly record struct ReadLinkReply(Nfs3Status Status, Nfs3Attributes? Attributes, ReadOnlyMemory<byte> Target) : IXdrMessage<ReadLinkReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ReadLinkReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        var target = ReadOnlyMemory<byte>.Empty;
        if (status == 0 && !reader.TryReadOpaqueMemory(Nfs3Xdr.MaxPathLength, out target))
        {
            return false;
        }

        value = new ReadLinkReply((Nfs3Status)status, attributes, target);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WritePostOpAttributes(ref writer, Attributes);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteOpaque(Target.Span);
        }
    }
}
