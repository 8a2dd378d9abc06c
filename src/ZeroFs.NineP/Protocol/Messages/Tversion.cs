using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tversion: Proposes the protocol version and the maximum message size (msize). Body: <c>MessageSize[4] Version[s]</c>.
/// </summary>
public readonly ref struct Tversion : INinePMessage<Tversion>
{
    /// <summary>Creates a Tversion.</summary>
    /// <param name="messageSize">Largest message, header included, the client will send or accept (msize).</param>
    /// <param name="version">Protocol version string; Linux sends "9P2000.L".</param>
    public Tversion(uint messageSize, ReadOnlySpan<byte> version)
    {
        MessageSize = messageSize;
        Version = version;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tversion;

    /// <summary>Largest message, header included, the client will send or accept (msize).</summary>
    public uint MessageSize { get; }

    /// <summary>Protocol version string; Linux sends "9P2000.L".</summary>
    public ReadOnlySpan<byte> Version { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Version.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tversion message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var messageSize)
            && reader.TryReadString(out var version)
            && reader.IsAtEnd)
        {
            message = new Tversion(messageSize, version);
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
    public override string ToString() => $"Tversion {{ MessageSize = {MessageSize}, Version = {NinePFormat.Bytes(Version)} }}";
}
