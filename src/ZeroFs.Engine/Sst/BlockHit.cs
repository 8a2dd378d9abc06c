using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>An entry found by <see cref="BlockSearch.TryFind"/>.</summary>
/// <param name="Header">The entry's header (kind, seq, value length).</param>
/// <param name="ValueOffset">Offset of the value inside the block.</param>
internal readonly record struct BlockHit(EntryHeader Header, int ValueOffset);
