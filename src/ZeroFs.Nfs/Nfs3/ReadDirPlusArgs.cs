using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>READDIRPLUS3args (RFC 1813 §3.3.17).</summary>
/// <param name="Dir">The directory.</param>
/// <param name="Cookie">Resume after this entry (0: from the start).</param>
/// <param name="CookieVerifier">The verifier the previous page returned.</param>
/// <param name="DirCount">The most bytes of directory information (fileid, name, cookie) to return.</param>
/// <param name="MaxCount">The largest reply in bytes.</param>
public readonly record struct ReadDirPlusArgs(NfsFileHandle Dir, ulong Cookie, ulong CookieVerifier, uint DirCount, uint MaxCount) : IXdrMessage<ReadDirPlusArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ReadDirPlusArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var dir) & reader.TryReadUInt64(out var cookie) & reader.TryReadUInt64(out var verifier) &
            reader.TryReadUInt32(out var dirCount) & reader.TryReadUInt32(out var maxCount);
        value = new ReadDirPlusArgs(dir, cookie, verifier, dirCount, maxCount);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Dir.Write(ref writer);
        writer.WriteUInt64(Cookie);
        writer.WriteUInt64(CookieVerifier);
        writer.WriteUInt32(DirCount);
        writer.WriteUInt32(MaxCount);
    }
}
