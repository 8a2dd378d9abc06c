using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tauth: Requests an authentication fid (ZeroFS, like most servers, answers with an error). Body: <c>AuthFid[4] UserName[s] AttachName[s] NumericUserName[4]</c>.
/// </summary>
public readonly ref struct Tauth : INinePMessage<Tauth>
{
    /// <summary>Creates a Tauth.</summary>
    /// <param name="authFid">The fid to use for the authentication exchange (afid).</param>
    /// <param name="userName">User name (uname).</param>
    /// <param name="attachName">File tree to access (aname).</param>
    /// <param name="numericUserName">Numeric user id (n_uname); NoUid when unset.</param>
    public Tauth(uint authFid, ReadOnlySpan<byte> userName, ReadOnlySpan<byte> attachName, uint numericUserName)
    {
        AuthFid = authFid;
        UserName = userName;
        AttachName = attachName;
        NumericUserName = numericUserName;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tauth;

    /// <summary>The fid to use for the authentication exchange (afid).</summary>
    public uint AuthFid { get; }

    /// <summary>User name (uname).</summary>
    public ReadOnlySpan<byte> UserName { get; }

    /// <summary>File tree to access (aname).</summary>
    public ReadOnlySpan<byte> AttachName { get; }

    /// <summary>Numeric user id (n_uname); NoUid when unset.</summary>
    public uint NumericUserName { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + UserName.Length + 2 + AttachName.Length + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tauth message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var authFid)
            && reader.TryReadString(out var userName)
            && reader.TryReadString(out var attachName)
            && reader.TryReadUInt32(out var numericUserName)
            && reader.IsAtEnd)
        {
            message = new Tauth(authFid, userName, attachName, numericUserName);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(AuthFid);
        writer.WriteString(UserName);
        writer.WriteString(AttachName);
        writer.WriteUInt32(NumericUserName);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tauth {{ AuthFid = {AuthFid}, UserName = {NinePFormat.Bytes(UserName)}, AttachName = {NinePFormat.Bytes(AttachName)}, NumericUserName = {NumericUserName} }}";
}
