using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>A directory entry copied out of an Rreaddir.</summary>
/// <param name="Qid">The entry's qid.</param>
/// <param name="Offset">Cookie to continue reading after this entry.</param>
/// <param name="Type">Linux d_type.</param>
/// <param name="Name">Name bytes (not necessarily UTF-8).</param>
public sealed record DirectoryEntryInfo(Qid Qid, ulong Offset, byte Type, byte[] Name);
