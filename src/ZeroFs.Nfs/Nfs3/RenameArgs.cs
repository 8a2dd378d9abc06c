using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>RENAME3args (RFC 1813 §3.3.14).</summary>
/// <param name="From">The source directory and name.</param>
/// <param name="To">The target directory and name.</param>
public readonly record struct RenameArgs(DirOpArgs From, DirOpArgs To) : IXdrMessage<RenameArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out RenameArgs value)
    {
        var ok = DirOpArgs.TryRead(ref reader, out var from) & DirOpArgs.TryRead(ref reader, out var to);
        value = new RenameArgs(from, to);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        From.Write(ref writer);
        To.Write(ref writer);
    }
}
