namespace ZeroFs.NineP.Client;

/// <summary>The reply to Txattrwalk: a fid to read the value (or name list) from, and its size.</summary>
/// <param name="Fid">The new fid; read it with <see cref="NinePClient.ReadAsync"/> and clunk it.</param>
/// <param name="Size">Bytes available.</param>
public readonly record struct XattrWalkResult(uint Fid, ulong Size);
