using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Tests.Protocol;

internal static partial class AnyMessage
{
    /// <summary>Every message type of 9P2000.L.</summary>
    internal static readonly MessageType[] AllTypes = Enum.GetValues<MessageType>();

    /// <summary>Parses <paramref name="body"/> as <paramref name="type"/>, describes it and optionally re-encodes the frame.</summary>
    internal static OperationStatus TryParse(
        MessageType type, ReadOnlySpan<byte> body, out string? description, IBufferWriter<byte>? reencoded = null, ushort tag = 0) =>
        ((byte)type & 1) == 0
            ? TryParseRequests(type, body, out description, reencoded, tag)
            : TryParseReplies(type, body, out description, reencoded, tag);

    private static OperationStatus Reencode<T>(OperationStatus status, IBufferWriter<byte>? output, ushort tag, scoped in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        if (status == OperationStatus.Done && output is not null)
        {
            NinePWriter.WriteFrame(output, tag, message);
        }

        return status;
    }
}
