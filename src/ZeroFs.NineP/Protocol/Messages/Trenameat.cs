using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Trenameat: Renames OldName in OldDirectoryFid to NewName in NewDirectoryFid. Body: <c>OldDirectoryFid[4] OldName[s] NewDirectoryFid[4] NewName[s]</c>.
/// </summary>
public readonly ref struct Trenameat : INinePMessage<Trenameat>
{
    /// <summary>Creates a Trenameat.</summary>
    /// <param name="oldDirectoryFid">Source directory (olddirfid).</param>
    /// <param name="oldName">Source name.</param>
    /// <param name="newDirectoryFid">Target directory (newdirfid).</param>
    /// <param name="newName">Target name.</param>
    public Trenameat(uint oldDirectoryFid, ReadOnlySpan<byte> oldName, uint newDirectoryFid, ReadOnlySpan<byte> newName)
    {
        OldDirectoryFid = oldDirectoryFid;
        OldName = oldName;
        NewDirectoryFid = newDirectoryFid;
        NewName = newName;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Trenameat;

    /// <summary>Source directory (olddirfid).</summary>
    public uint OldDirectoryFid { get; }

    /// <summary>Source name.</summary>
    public ReadOnlySpan<byte> OldName { get; }

    /// <summary>Target directory (newdirfid).</summary>
    public uint NewDirectoryFid { get; }

    /// <summary>Target name.</summary>
    public ReadOnlySpan<byte> NewName { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + OldName.Length + 4 + 2 + NewName.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Trenameat message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var oldDirectoryFid)
            && reader.TryReadString(out var oldName)
            && reader.TryReadUInt32(out var newDirectoryFid)
            && reader.TryReadString(out var newName)
            && reader.IsAtEnd)
        {
            message = new Trenameat(oldDirectoryFid, oldName, newDirectoryFid, newName);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(OldDirectoryFid);
        writer.WriteString(OldName);
        writer.WriteUInt32(NewDirectoryFid);
        writer.WriteString(NewName);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Trenameat {{ OldDirectoryFid = {OldDirectoryFid}, OldName = {NinePFormat.Bytes(OldName)}, NewDirectoryFid = {NewDirectoryFid}, NewName = {NinePFormat.Bytes(NewName)} }}";
}
