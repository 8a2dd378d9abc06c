using System.Collections.Immutable;

namespace ZeroFs.Engine.Manifest;

/// <summary>A sorted run (ENGINE.md §8): key-disjoint tables in key order. Owned by the compactor.</summary>
/// <param name="Id">Run id; runs are kept in descending id order (newest first).</param>
/// <param name="Tables">Tables in key order.</param>
public sealed record SortedRun(uint Id, ImmutableArray<TableRef> Tables);
