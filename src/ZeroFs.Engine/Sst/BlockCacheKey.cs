namespace ZeroFs.Engine.Sst;

/// <summary>Identity of a decoded block in a cache: the table and the block's offset in it.</summary>
/// <param name="TableId">The table.</param>
/// <param name="Offset">The sealed block's offset.</param>
internal readonly record struct BlockCacheKey(Ulid TableId, long Offset);
