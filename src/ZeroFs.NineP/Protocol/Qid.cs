namespace ZeroFs.NineP.Protocol;

/// <summary>
/// The server's unique identity of a file: <c>type[1] version[4] path[8]</c> (13 bytes).
/// </summary>
/// <param name="Type">Kind of file.</param>
/// <param name="Version">Changes when the file changes (servers may leave it 0).</param>
/// <param name="Path">Unique per file in the tree, typically the inode number.</param>
public readonly record struct Qid(QidType Type, uint Version, ulong Path)
{
    /// <summary>Size of a qid on the wire.</summary>
    public const int EncodedLength = 13;
}
