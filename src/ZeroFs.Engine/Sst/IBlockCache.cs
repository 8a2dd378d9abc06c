using System.Diagnostics.CodeAnalysis;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// The seam for the memory block cache of ENGINE.md §10 (built in M8). Holds decoded blocks keyed
/// by (table ULID, offset). Reference protocol: <see cref="TryGet"/> hands out a block with a
/// reference already added for the caller (who releases it); <see cref="Insert"/> lets the cache
/// take its own reference if it admits the block (the caller keeps and releases its own).
/// </summary>
internal interface IBlockCache
{
    /// <summary>Looks a block up; on a hit the caller owns one reference.</summary>
    bool TryGet(in BlockCacheKey key, [NotNullWhen(true)] out DecodedBlock? block);

    /// <summary>Offers a freshly decoded block to the cache.</summary>
    void Insert(in BlockCacheKey key, DecodedBlock block);
}
