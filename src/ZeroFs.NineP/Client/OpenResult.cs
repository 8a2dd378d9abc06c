using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>The reply to Tlopen or Tlcreate.</summary>
/// <param name="Qid">The opened file's qid.</param>
/// <param name="IOUnit">The server's atomic I/O size; 0 means msize minus the I/O header.</param>
public readonly record struct OpenResult(Qid Qid, uint IOUnit);
