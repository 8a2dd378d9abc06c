namespace ZeroFs.Nfs.Xdr;

/// <summary>An XDR message that can encode and decode itself (procedure arguments and results).</summary>
/// <typeparam name="TSelf">The message type.</typeparam>
public interface IXdrMessage<TSelf>
    where TSelf : IXdrMessage<TSelf>
{
    /// <summary>Decodes one message; false when the input is truncated or holds a value XDR or the spec forbids.</summary>
    static abstract bool TryRead(ref XdrReader reader, out TSelf value);

    /// <summary>Encodes the message.</summary>
    void Write(ref XdrWriter writer);
}
