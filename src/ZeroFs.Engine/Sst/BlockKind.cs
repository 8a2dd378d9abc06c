namespace ZeroFs.Engine.Sst;

/// <summary>The kind byte of an SST block, bound into the block's AAD (ENGINE.md §4).</summary>
internal enum BlockKind : byte
{
    /// <summary>Entries.</summary>
    Data = 1,

    /// <summary>Bloom filter over user keys.</summary>
    Filter = 2,

    /// <summary>Separator keys and block handles.</summary>
    Index = 3,

    /// <summary>Table statistics.</summary>
    Properties = 4,
}
