using System.Buffers;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// A 9P2000.L message body: knows its type byte and length, parses itself from one span and
/// writes itself through a <see cref="NinePWriter"/>. Implemented by the <c>ref struct</c>s in
/// <c>Protocol.Messages</c>; the frame header is handled separately by <see cref="NinePFrame"/>.
/// </summary>
/// <typeparam name="TSelf">The implementing message type.</typeparam>
public interface INinePMessage<TSelf>
    where TSelf : INinePMessage<TSelf>, allows ref struct
{
    /// <summary>Gets the type byte of this message.</summary>
    static abstract MessageType MessageType { get; }

    /// <summary>Gets the encoded length of the body (the frame minus its 7-byte header).</summary>
    int BodyLength { get; }

    /// <summary>
    /// Parses a whole body. Strings and payloads in the result are slices of <paramref name="body"/>.
    /// </summary>
    /// <param name="body">Exactly the bytes after the frame header.</param>
    /// <param name="message">The message when <see cref="OperationStatus.Done"/>.</param>
    /// <returns><see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.InvalidData"/> when the
    /// body is truncated, has trailing bytes or breaks a protocol limit. Never throws.</returns>
    static abstract OperationStatus TryParse(ReadOnlySpan<byte> body, out TSelf message);

    /// <summary>Writes the body (not the header).</summary>
    /// <param name="writer">Destination.</param>
    void WriteBody(ref NinePWriter writer);
}
