using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>The arguments that are just a handle: GETATTR3args, READLINK3args, FSSTAT3args, FSINFO3args, PATHCONF3args.</summary>
/// <param name="Object">The file handle.</param>
public readonly record struct HandleArgs(NfsFileHandle Object) : IXdrMessage<HandleArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out HandleArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var handle);
        value = new HandleArgs(handle);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer) => Object.Write(ref writer);
}
