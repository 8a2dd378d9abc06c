namespace ZeroFs.Engine.Sst;

/// <summary>
/// What the manifest needs to know about a written table (ENGINE.md §8 TableRef): where it is,
/// where its metadata is (one ranged GET), and its statistics.
/// </summary>
/// <param name="TableId">The table's ULID (object <c>sst/&lt;ULID&gt;.sst</c>).</param>
/// <param name="Size">Object size in bytes.</param>
/// <param name="MetaOffset">Offset of the meta region.</param>
/// <param name="MetaLength">Length of the meta region.</param>
/// <param name="FormatVersion">Table format version.</param>
/// <param name="Properties">Statistics, key bounds and seq bounds.</param>
public sealed record SstInfo(Ulid TableId, long Size, long MetaOffset, int MetaLength, ushort FormatVersion, SstProperties Properties)
{
    /// <summary>The object key of table <paramref name="tableId"/>, relative to the engine root.</summary>
    public static string ObjectKey(Ulid tableId) => $"sst/{tableId}.sst";
}
