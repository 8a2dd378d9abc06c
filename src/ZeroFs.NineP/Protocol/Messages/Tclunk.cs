using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tclunk: Forgets Fid (and releases its locks); the fid is free even if this fails. Body: <c>Fid[4]</c>.
/// </summary>
public readonly ref struct Tclunk : INinePMessage<Tclunk>
{
    /// <summary>Creates a Tclunk.</summary>
    /// <param name="fid">The fid to forget.</param>
    public Tclunk(uint fid)
    {
        Fid = fid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tclunk;

    /// <summary>The fid to forget.</summary>
    public uint Fid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tclunk message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.IsAtEnd)
        {
            message = new Tclunk(fid);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tclunk {{ Fid = {Fid} }}";
}
