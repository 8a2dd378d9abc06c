using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>ACCESS3args (RFC 1813 §3.3.4).</summary>
/// <param name="Object">The file.</param>
/// <param name="Access">The bits to check.</param>
public readonly record struct AccessArgs(NfsFileHandle Object, AccessBits Access) : IXdrMessage<AccessArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out AccessArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var handle) & reader.TryReadUInt32(out var access);
        value = new AccessArgs(handle, (AccessBits)access);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Object.Write(ref writer);
        writer.WriteUInt32((uint)Access);
    }
}
