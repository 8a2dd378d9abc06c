namespace ZeroFs.Nfs.Nfs3;

/// <summary>wcc_attr (RFC 1813 §2.6): the attributes a client compares before an operation.</summary>
/// <param name="Size">Bytes.</param>
/// <param name="Mtime">Last modification.</param>
/// <param name="Ctime">Last status change.</param>
public readonly record struct WccAttributes(ulong Size, NfsTime Mtime, NfsTime Ctime);
