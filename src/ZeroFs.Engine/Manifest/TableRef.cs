using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Manifest;

/// <summary>
/// A table as the manifest records it (ENGINE.md §8): enough to open it with one ranged GET of its
/// meta region and to prune it by key and seq range without reading it.
/// </summary>
/// <param name="Id">The table ULID (object <c>sst/&lt;ULID&gt;.sst</c>).</param>
/// <param name="Size">Object size in bytes.</param>
/// <param name="MetaOffset">Offset of the meta region (filter, index, properties).</param>
/// <param name="MetaLength">Length of the meta region.</param>
/// <param name="FirstKey">Smallest user key.</param>
/// <param name="LastKey">Largest user key.</param>
/// <param name="MinSeq">Smallest seq.</param>
/// <param name="MaxSeq">Largest seq.</param>
/// <param name="Entries">Entries (versions and tombstones).</param>
/// <param name="Tombstones">Tombstones.</param>
/// <param name="FormatVersion">Table format version.</param>
public sealed record TableRef(
    Ulid Id,
    ulong Size,
    ulong MetaOffset,
    uint MetaLength,
    byte[] FirstKey,
    byte[] LastKey,
    ulong MinSeq,
    ulong MaxSeq,
    ulong Entries,
    ulong Tombstones,
    byte FormatVersion)
{
    /// <summary>The reference of a freshly written table.</summary>
    public static TableRef FromInfo(SstInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var p = info.Properties;
        return new TableRef(
            info.TableId,
            (ulong)info.Size,
            (ulong)info.MetaOffset,
            (uint)info.MetaLength,
            p.MinKey,
            p.MaxKey,
            p.MinSeq,
            p.MaxSeq,
            p.EntryCount,
            p.TombstoneCount,
            checked((byte)info.FormatVersion));
    }
}
