using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rlerror: Reports a failed request with a Linux errno (replaces 9P2000 Rerror). Body: <c>Errno[4]</c>.
/// </summary>
public readonly ref struct Rlerror : INinePMessage<Rlerror>
{
    /// <summary>Creates a Rlerror.</summary>
    /// <param name="errno">Linux errno (ecode), see P9Errno.</param>
    public Rlerror(uint errno)
    {
        Errno = errno;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rlerror;

    /// <summary>Linux errno (ecode), see P9Errno.</summary>
    public uint Errno { get; }

    /// <inheritdoc/>
    public int BodyLength => 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rlerror message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var errno)
            && reader.IsAtEnd)
        {
            message = new Rlerror(errno);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Errno);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rlerror {{ Errno = {Errno} }}";
}
