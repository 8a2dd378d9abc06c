using System.Buffers.Binary;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>
/// nfs_fh3 (RFC 1813 §2.5, opaque up to 64 bytes) as this server forms it, 28 bytes:
/// <c>version[1]=1 reserved[3]=0 volume[8] inode[8] generation[8]</c>, integers big-endian.
/// The handle carries no server start time, so it stays valid across restarts (DECISIONS.md 2);
/// the generation makes a handle to a deleted inode stale forever. Any other shape decodes as a
/// handle that is not <see cref="IsWellFormed"/> (NFS3ERR_BADHANDLE), never as an XDR error, unless
/// its length exceeds 64 bytes.
/// </summary>
/// <param name="VolumeId">The volume (also fattr3 fsid); a handle of another volume is stale.</param>
/// <param name="InodeId">The inode id.</param>
/// <param name="Generation">The inode's generation.</param>
/// <param name="IsWellFormed">False when the bytes were not a handle of this format.</param>
public readonly record struct NfsFileHandle(ulong VolumeId, ulong InodeId, ulong Generation, bool IsWellFormed = true) : IXdrMessage<NfsFileHandle>
{
    /// <summary>NFS3_FHSIZE: the longest handle on the wire.</summary>
    public const int MaxLength = 64;

    /// <summary>The length of handles this server forms.</summary>
    public const int EncodedLength = 28;

    /// <summary>The format version byte.</summary>
    public const byte FormatVersion = 1;

    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out NfsFileHandle value)
    {
        if (!reader.TryReadOpaque(MaxLength, out ReadOnlySpan<byte> bytes))
        {
            value = default;
            return false;
        }

        value = Parse(bytes);
        return true;
    }

    /// <summary>Interprets raw handle bytes (also the MOUNT fhandle3).</summary>
    public static NfsFileHandle Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != EncodedLength || bytes[0] != FormatVersion || bytes[1] != 0 || bytes[2] != 0 || bytes[3] != 0)
        {
            return default;
        }

        return new NfsFileHandle(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[12..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[20..]));
    }

    /// <summary>Writes the 28 handle bytes (without the XDR length).</summary>
    public void CopyTo(Span<byte> destination)
    {
        destination[..EncodedLength].Clear();
        destination[0] = FormatVersion;
        BinaryPrimitives.WriteUInt64BigEndian(destination[4..], VolumeId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[12..], InodeId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[20..], Generation);
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        if (!IsWellFormed)
        {
            writer.WriteOpaque([]); // tests send garbage handles this way
            return;
        }

        Span<byte> bytes = stackalloc byte[EncodedLength];
        CopyTo(bytes);
        writer.WriteOpaque(bytes);
    }
}
