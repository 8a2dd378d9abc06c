using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Readers;

/// <summary>
/// What a reader serves, swapped atomically: the manifest whose tables it reads, the visible seq
/// and the sources. A read takes one reference, so it sees one seq over one set of sources.
/// </summary>
/// <param name="Manifest">The manifest version whose tables the view holds (the reader's pinned version).</param>
/// <param name="Seq">The newest visible seq; every batch up to it is complete in the view.</param>
/// <param name="View">Replayed memtables newest first, then the manifest's tables.</param>
internal sealed record ReaderState(StoredManifest Manifest, ulong Seq, ReadView View);
