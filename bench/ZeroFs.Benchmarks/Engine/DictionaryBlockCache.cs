using System.Diagnostics.CodeAnalysis;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Benchmarks.Engine;

/// <summary>An unbounded cache for warm-path benchmarks (not the M8 cache).</summary>
internal sealed class DictionaryBlockCache : IBlockCache
{
    private readonly Dictionary<BlockCacheKey, DecodedBlock> _blocks = [];

    public bool TryGet(in BlockCacheKey key, [NotNullWhen(true)] out DecodedBlock? block)
    {
        if (_blocks.TryGetValue(key, out block) && block.TryAddReference())
        {
            return true;
        }

        block = null;
        return false;
    }

    public void Insert(in BlockCacheKey key, DecodedBlock block)
    {
        if (block.TryAddReference())
        {
            _blocks[key] = block;
        }
    }
}
