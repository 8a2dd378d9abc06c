using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>A <c>struct flock</c> copied before the callback returns (absolute range; length 0 = to end of file).</summary>
internal readonly record struct LockRequest(LockType Type, ulong Start, ulong Length);
