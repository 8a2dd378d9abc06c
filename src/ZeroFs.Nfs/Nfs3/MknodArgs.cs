using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>MKNOD3args (RFC 1813 §3.3.11): devices carry attributes and specdata3; sockets and fifos attributes only; other types nothing.</summary>
/// <param name="Where">The directory and name.</param>
/// <param name="Type">The type to create.</param>
/// <param name="Attributes">The initial attributes (devices, sockets, fifos).</param>
/// <param name="Major">specdata1 (devices).</param>
/// <param name="Minor">specdata2 (devices).</param>
public readonly record struct MknodArgs(DirOpArgs Where, Nfs3FileType Type, Nfs3SetAttributes Attributes, uint Major, uint Minor) : IXdrMessage<MknodArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out MknodArgs value)
    {
        value = default;
        if (!DirOpArgs.TryRead(ref reader, out var where) || !reader.TryReadUInt32(out var type))
        {
            return false;
        }

        var attributes = default(Nfs3SetAttributes);
        uint major = 0, minor = 0;
        var ok = (Nfs3FileType)type switch
        {
            Nfs3FileType.CharDevice or Nfs3FileType.BlockDevice =>
                Nfs3Xdr.TryReadSetAttributes(ref reader, out attributes) && reader.TryReadUInt32(out major) && reader.TryReadUInt32(out minor),
            Nfs3FileType.Socket or Nfs3FileType.Fifo => Nfs3Xdr.TryReadSetAttributes(ref reader, out attributes),
            _ => true,
        };
        value = new MknodArgs(where, (Nfs3FileType)type, attributes, major, minor);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Where.Write(ref writer);
        writer.WriteUInt32((uint)Type);
        if (Type is Nfs3FileType.CharDevice or Nfs3FileType.BlockDevice or Nfs3FileType.Socket or Nfs3FileType.Fifo)
        {
            Nfs3Xdr.WriteSetAttributes(ref writer, Attributes);
        }

        if (Type is Nfs3FileType.CharDevice or Nfs3FileType.BlockDevice)
        {
            writer.WriteUInt32(Major);
            writer.WriteUInt32(Minor);
        }
    }
}
