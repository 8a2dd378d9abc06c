using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rreadlink: Returns a symbolic link's target. Body: <c>Target[s]</c>.
/// </summary>
public readonly ref struct Rreadlink : INinePMessage<Rreadlink>
{
    /// <summary>Creates a Rreadlink.</summary>
    /// <param name="target">Link target.</param>
    public Rreadlink(ReadOnlySpan<byte> target)
    {
        Target = target;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rreadlink;

    /// <summary>Link target.</summary>
    public ReadOnlySpan<byte> Target { get; }

    /// <inheritdoc/>
    public int BodyLength => 2 + Target.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rreadlink message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadString(out var target)
            && reader.IsAtEnd)
        {
            message = new Rreadlink(target);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteString(Target);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rreadlink {{ Target = {NinePFormat.Bytes(Target)} }}";
}
