namespace ZeroFs.NineP.Protocol;

/// <summary>Protocol constants of 9P2000.L.</summary>
public static class NinePConstants
{
    /// <summary>NOTAG: the tag of Tversion/Rversion.</summary>
    public const ushort NoTag = 0xFFFF;

    /// <summary>NOFID: "no fid", e.g. the afid of an unauthenticated Tattach.</summary>
    public const uint NoFid = 0xFFFF_FFFF;

    /// <summary>Numeric user id meaning "unset" in Tattach/Tauth n_uname (P9_NONUNAME).</summary>
    public const uint NoUid = 0xFFFF_FFFF;

    /// <summary>Most names in one Twalk and qids in one Rwalk (MAXWELEM).</summary>
    public const int MaxWalkElements = 16;

    /// <summary>
    /// Bytes of a Tread/Twrite/Rread frame that are not payload, as Linux reserves them (P9_IOHDRSZ = 24):
    /// the largest payload in one message is msize minus this.
    /// </summary>
    public const int IOHeaderSize = 24;

    /// <summary>Rreaddir per-entry overhead before the name: qid[13] offset[8] type[1] name-length[2].</summary>
    public const int DirectoryEntryOverhead = Qid.EncodedLength + 8 + 1 + 2;

    /// <summary>The only dialect spoken: <c>9P2000.L</c>.</summary>
    public static ReadOnlySpan<byte> Version => "9P2000.L"u8;

    /// <summary>The version string a server answers when it does not speak the client's.</summary>
    public static ReadOnlySpan<byte> UnknownVersion => "unknown"u8;
}
