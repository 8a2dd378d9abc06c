namespace ZeroFs.NineP.Server.Fids;

/// <summary>What a fid names.</summary>
internal enum FidKind : byte
{
    /// <summary>A file or directory, from Tattach, Twalk or Tlcreate; may be opened.</summary>
    Path,

    /// <summary>An extended attribute value (or the name list) to read, from Txattrwalk.</summary>
    XattrRead,

    /// <summary>An extended attribute being written, from Txattrcreate; committed on Tclunk.</summary>
    XattrWrite,
}
