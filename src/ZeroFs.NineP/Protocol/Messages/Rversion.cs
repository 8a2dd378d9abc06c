using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rversion: Accepts a version and an msize no larger than the client's. Body: <c>MessageSize[4] Version[s]</c>.
/// </summary>
public readonly ref struct Rversion : INinePMessage<Rversion>
{
    /// <summary>Creates a Rversion.</summary>
    /// <param name="messageSize">Negotiated msize, at most the client's.</param>
    /// <param name="version">Accepted version, or "unknown".</param>
    public Rversion(uint messageSize, ReadOnlySpan<byte> version)
    {
        MessageSize = messageSize;
        Version = version;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rversion;

    /// <summary>Negotiated msize, at most the client's.</summary>
    public uint MessageSize { get; }

    /// <summary>Accepted version, or "unknown".</summary>
    public ReadOnlySpan<byte> Version { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Version.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rversion message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var messageSize)
            && reader.TryReadString(out var version)
            && reader.IsAtEnd)
        {
            message = new Rversion(messageSize, version);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(MessageSize);
        writer.WriteString(Version);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rversion {{ MessageSize = {MessageSize}, Version = {NinePFormat.Bytes(Version)} }}";
}
