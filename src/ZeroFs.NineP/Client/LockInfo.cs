using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>The reply to Tgetlock: the conflicting lock, or the request with <see cref="LockType.Unlock"/> when none conflicts.</summary>
/// <param name="LockType">Type of the conflicting lock, or Unlock.</param>
/// <param name="Start">First byte.</param>
/// <param name="Length">Length; 0 means to end of file.</param>
/// <param name="ProcessId">Owner process.</param>
/// <param name="ClientId">Owner client name.</param>
public sealed record LockInfo(LockType LockType, ulong Start, ulong Length, uint ProcessId, byte[] ClientId);
