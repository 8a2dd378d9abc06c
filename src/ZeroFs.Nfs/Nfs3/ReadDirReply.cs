using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>
/// READDIR3res (RFC 1813 §3.3.16): the directory's attributes and, on success, the cookie verifier,
/// a list of entries and eof. The server streams entries with <see cref="WriteOkHeader"/>,
/// <see cref="WriteEntry"/> and <see cref="WriteEnd"/> against a byte budget (<see cref="EntryLength"/>);
/// the record form with a list is for clients and tests.
/// </summary>
/// <param name="Status">The outcome.</param>
/// <param name="DirAttributes">The directory's attributes.</param>
/// <param name="CookieVerifier">The cookie verifier to send with the next page.</param>
/// <param name="Entries">The entries (on success).</param>
/// <param name="Eof">True when no entry follows the last one.</param>
public readonly record struct ReadDirReply(Nfs3Status Status, Nfs3Attributes? DirAttributes, ulong CookieVerifier, IReadOnlyList<ReadDirEntry> Entries, bool Eof)
    : IXdrMessage<ReadDirReply>
{
    /// <summary>The bytes of a successful reply around its entries: status, post_op_attr with attributes, verifier, list end, eof.</summary>
    public const int FixedLength = 4 + 4 + Nfs3Attributes.EncodedLength + 8 + 4 + 4;

    /// <summary>The encoded length of one entry with a name of <paramref name="nameLength"/> bytes.</summary>
    public static int EntryLength(int nameLength) => 4 + 8 + 4 + ((nameLength + 3) & ~3) + 8;

    /// <summary>Writes status OK, the directory's attributes and the verifier.</summary>
    public static void WriteOkHeader(ref XdrWriter writer, in Nfs3Attributes? dirAttributes, ulong cookieVerifier)
    {
        writer.WriteUInt32((uint)Nfs3Status.Ok);
        Nfs3Xdr.WritePostOpAttributes(ref writer, dirAttributes);
        writer.WriteUInt64(cookieVerifier);
    }

    /// <summary>Writes one entry.</summary>
    public static void WriteEntry(ref XdrWriter writer, ulong fileId, ReadOnlySpan<byte> name, ulong cookie)
    {
        writer.WriteBool(true);
        writer.WriteUInt64(fileId);
        writer.WriteOpaque(name);
        writer.WriteUInt64(cookie);
    }

    /// <summary>Ends the list and writes eof.</summary>
    public static void WriteEnd(ref XdrWriter writer, bool eof)
    {
        writer.WriteBool(false);
        writer.WriteBool(eof);
    }

    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ReadDirReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        var entries = new List<ReadDirEntry>();
        if (status != 0)
        {
            value = new ReadDirReply((Nfs3Status)status, attributes, 0, entries, false);
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

            if (!reader.TryReadUInt64(out var fileId) || !reader.TryReadOpaqueMemory(Nfs3Xdr.MaxNameLength, out var name) || !reader.TryReadUInt64(out var cookie))
            {
                return false;
            }

            entries.Add(new ReadDirEntry(fileId, name, cookie));
        }

        if (!reader.TryReadBool(out var eof))
        {
            return false;
        }

        value = new ReadDirReply(Nfs3Status.Ok, attributes, verifier, entries, eof);
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

        WriteOkHeader(ref writer, DirAttributes, CookieVerifier);
        foreach (var entry in Entries)
        {
            WriteEntry(ref writer, entry.FileId, entry.Name.Span, entry.Cookie);
        }

        WriteEnd(ref writer, Eof);
    }
}
