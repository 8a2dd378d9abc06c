using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>
/// READDIRPLUS3res (RFC 1813 §3.3.17): like <see cref="ReadDirReply"/>, and every entry carries its
/// attributes and handle. The server streams entries with <see cref="ReadDirReply.WriteOkHeader"/>,
/// <see cref="WriteEntry"/> and <see cref="ReadDirReply.WriteEnd"/>.
/// </summary>
/// <param name="Status">The outcome.</param>
/// <param name="DirAttributes">The directory's attributes.</param>
/// <param name="CookieVerifier">The cookie verifier to send with the next page.</param>
/// <param name="Entries">The entries (on success).</param>
/// <param name="Eof">True when no entry follows the last one.</param>
public readonly record struct ReadDirPlusReply(Nfs3Status Status, Nfs3Attributes? DirAttributes, ulong CookieVerifier, IReadOnlyList<ReadDirPlusEntry> Entries, bool Eof)
    : IXdrMessage<ReadDirPlusReply>
{
    /// <summary>The encoded length of one entry with attributes and a handle and a name of <paramref name="nameLength"/> bytes.</summary>
    public static int EntryLength(int nameLength) =>
        ReadDirReply.EntryLength(nameLength) + 4 + Nfs3Attributes.EncodedLength + 4 + 4 + NfsFileHandle.EncodedLength;

    /// <summary>The directory-information part of an entry (fileid, name, cookie), what dircount limits.</summary>
    public static int DirectoryInfoLength(int nameLength) => 8 + 4 + ((nameLength + 3) & ~3) + 8;

    /// <summary>Writes one entry.</summary>
    public static void WriteEntry(ref XdrWriter writer, ulong fileId, ReadOnlySpan<byte> name, ulong cookie, in Nfs3Attributes? attributes, in NfsFileHandle? handle)
    {
        ReadDirReply.WriteEntry(ref writer, fileId, name, cookie);
        Nfs3Xdr.WritePostOpAttributes(ref writer, attributes);
        Nfs3Xdr.WritePostOpHandle(ref writer, handle);
    }

    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ReadDirPlusReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        var entries = new List<ReadDirPlusEntry>();
        if (status != 0)
        {
            value = new ReadDirPlusReply((Nfs3Status)status, attributes, 0, entries, false);
            return true;
        }

        if (!reader.TryReadUInt64(out var verifier))
        {
            return false;
        }

        while (true)
        {
            if (!reader.TryReadBool(out var more))
            {
                return false;
            }

            if (!more)
            {
                break;
            }

            if (!reader.TryReadUInt64(out var fileId) || !reader.TryReadOpaqueMemory(Nfs3Xdr.MaxNameLength, out var name) || !reader.TryReadUInt64(out var cookie) ||
                !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var entryAttributes) || !Nfs3Xdr.TryReadPostOpHandle(ref reader, out var handle))
            {
                return false;
            }

            entries.Add(new ReadDirPlusEntry(fileId, name, cookie, entryAttributes, handle));
        }

        if (!reader.TryReadBool(out var eof))
        {
            return false;
        }

        value = new ReadDirPlusReply(Nfs3Status.Ok, attributes, verifier, entries, eof);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        if (Status != Nfs3Status.Ok)
        {
            writer.WriteUInt32((uint)Status);
            Nfs3Xdr.WritePostOpAttributes(ref writer, DirAttributes);
            return;
        }

        ReadDirReply.WriteOkHeader(ref writer, DirAttributes, CookieVerifier);
        foreach (var entry in Entries)
        {
            WriteEntry(ref writer, entry.FileId, entry.Name.Span, entry.Cookie, entry.Attributes, entry.Handle);
        }

        ReadDirReply.WriteEnd(ref writer, Eof);
    }
}
