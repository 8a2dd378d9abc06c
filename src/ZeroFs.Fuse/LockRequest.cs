using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>A <c>struct flock</c> copied before the callback returns (absolute range; length 0 = to end of file; the kernel's pid of the locking process, 0 for unlocks and F_GETLK).</summary>
internal readonly record struct LockRequest(LockType Type, ulong Start, ulong Length, uint Pid);
