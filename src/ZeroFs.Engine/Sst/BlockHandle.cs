namespace ZeroFs.Engine.Sst;

/// <summary>Where a sealed block lives in its table object.</summary>
/// <param name="Offset">Offset of the sealed block (also part of its AAD).</param>
/// <param name="Length">Sealed length in bytes, CRC included.</param>
internal readonly record struct BlockHandle(long Offset, int Length);
