using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Mount;

/// <summary>dirpath (RFC 1813 appendix I): the argument of MNT and UMNT.</summary>
/// <param name="DirPath">The path's bytes.</param>
public readonly record struct MountArgs(ReadOnlyMemory<byte> DirPath) : IXdrMessage<MountArgs>
{
    /// <summary>MNTPATHLEN.</summary>
    public const int MaxPathLength = 1024;

    /// <summary>MNTNAMLEN.</summary>
    public const int MaxNameLength = 255;

    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out MountArgs value)
    {
        var ok = reader.TryReadOpaqueMemory(MaxPathLength, out var path);
        value = new MountArgs(path);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer) => writer.WriteOpaque(DirPath.Span);
}
