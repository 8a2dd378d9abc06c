using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>READDIR3args (RFC 1813 §3.3.16).</summary>
/// <param name="Dir">The directory.</param>
/// <param name="Cookie">Resume after this entry (0: from the start).</param>
/// <param name="CookieVerifier">The verifier the previous page returned (0 with cookie 0).</param>
/// <param name="Count">The largest reply in bytes.</param>
public readonly record struct ReadDirArgs(NfsFileHandle Dir, ulong Cookie, ulong CookieVerifier, uint Count) : IXdrMessage<ReadDirArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ReadDirArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var dir) & reader.TryReadUInt64(out var cookie) & reader.TryReadUInt64(out var verifier) &
            reader.TryReadUInt32(out var count);
        value = new ReadDirArgs(dir, cookie, verifier, count);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Dir.Write(ref writer);
        writer.WriteUInt64(Cookie);
        writer.WriteUInt64(CookieVerifier);
        writer.WriteUInt32(Count);
    }
}
