namespace ZeroFs.NineP.Protocol;

/// <summary>The header of every 9P frame: <c>size[4] type[1] tag[2]</c>, size counting the whole frame.</summary>
/// <param name="Size">Length of the frame including these 7 bytes.</param>
/// <param name="Type">Message type.</param>
/// <param name="Tag">Request tag chosen by the client and echoed by the reply.</param>
public readonly record struct FrameHeader(uint Size, MessageType Type, ushort Tag)
{
    /// <summary>Length of the header on the wire.</summary>
    public const int EncodedLength = 7;

    /// <summary>Length of the message body after the header.</summary>
    public int BodyLength => (int)Size - EncodedLength;
}
