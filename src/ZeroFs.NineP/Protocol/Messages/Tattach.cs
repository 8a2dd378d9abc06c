using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tattach: Attaches fid to the root of a file tree as a user. Body: <c>Fid[4] AuthFid[4] UserName[s] AttachName[s] NumericUserName[4]</c>.
/// </summary>
public readonly ref struct Tattach : INinePMessage<Tattach>
{
    /// <summary>Creates a Tattach.</summary>
    /// <param name="fid">The fid that will name the root.</param>
    /// <param name="authFid">Authentication fid, or NoFid (afid).</param>
    /// <param name="userName">User name (uname).</param>
    /// <param name="attachName">File tree to access (aname).</param>
    /// <param name="numericUserName">Numeric user id (n_uname); the identity Linux uses with access=user.</param>
    public Tattach(uint fid, uint authFid, ReadOnlySpan<byte> userName, ReadOnlySpan<byte> attachName, uint numericUserName)
    {
        Fid = fid;
        AuthFid = authFid;
        UserName = userName;
        AttachName = attachName;
        NumericUserName = numericUserName;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tattach;

    /// <summary>The fid that will name the root.</summary>
    public uint Fid { get; }

    /// <summary>Authentication fid, or NoFid (afid).</summary>
    public uint AuthFid { get; }

    /// <summary>User name (uname).</summary>
    public ReadOnlySpan<byte> UserName { get; }

    /// <summary>File tree to access (aname).</summary>
    public ReadOnlySpan<byte> AttachName { get; }

    /// <summary>Numeric user id (n_uname); the identity Linux uses with access=user.</summary>
    public uint NumericUserName { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4 + 2 + UserName.Length + 2 + AttachName.Length + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tattach message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt32(out var authFid)
            && reader.TryReadString(out var userName)
            && reader.TryReadString(out var attachName)
            && reader.TryReadUInt32(out var numericUserName)
            && reader.IsAtEnd)
        {
            message = new Tattach(fid, authFid, userName, attachName, numericUserName);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt32(AuthFid);
        writer.WriteString(UserName);
        writer.WriteString(AttachName);
        writer.WriteUInt32(NumericUserName);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tattach {{ Fid = {Fid}, AuthFid = {AuthFid}, UserName = {NinePFormat.Bytes(UserName)}, AttachName = {NinePFormat.Bytes(AttachName)}, NumericUserName = {NumericUserName} }}";
}
