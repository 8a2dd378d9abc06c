using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>A fid created by the client and the qid of the file it names.</summary>
/// <param name="Fid">The new fid.</param>
/// <param name="Qid">The file's qid.</param>
public readonly record struct FidQid(uint Fid, Qid Qid);
