using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Rpc;

/// <summary>
/// The header of an RPC reply (RFC 5531 §9: reply_body). Accepted replies carry an AUTH_NONE verifier
/// and an <see cref="RpcAcceptStatus"/> (the results follow on Success; PROG_MISMATCH carries the
/// version range); denied replies carry RPC_MISMATCH with the version range or AUTH_ERROR with an
/// <see cref="RpcAuthStatus"/>.
/// </summary>
/// <param name="Xid">The call's transaction id.</param>
/// <param name="ReplyStatus">Accepted or denied.</param>
/// <param name="AcceptStatus">For accepted replies.</param>
/// <param name="RejectStatus">For denied replies.</param>
/// <param name="AuthStatus">For AUTH_ERROR.</param>
/// <param name="Low">The lowest version supported (PROG_MISMATCH, RPC_MISMATCH).</param>
/// <param name="High">The highest version supported (PROG_MISMATCH, RPC_MISMATCH).</param>
public readonly record struct RpcReplyHeader(
    uint Xid, RpcReplyStatus ReplyStatus, RpcAcceptStatus AcceptStatus, RpcRejectStatus RejectStatus, RpcAuthStatus AuthStatus, uint Low, uint High)
{
    /// <summary>An accepted reply with <paramref name="status"/>.</summary>
    public static RpcReplyHeader Accepted(uint xid, RpcAcceptStatus status) => new(xid, RpcReplyStatus.Accepted, status, default, default, 0, 0);

    /// <summary>PROG_MISMATCH with the served version range.</summary>
    public static RpcReplyHeader ProgramMismatch(uint xid, uint low, uint high) =>
        new(xid, RpcReplyStatus.Accepted, RpcAcceptStatus.ProgramMismatch, default, default, low, high);

    /// <summary>RPC_MISMATCH (only version 2 is served).</summary>
    public static RpcReplyHeader RpcMismatch(uint xid) =>
        new(xid, RpcReplyStatus.Denied, default, RpcRejectStatus.RpcMismatch, default, RpcConstants.RpcVersion, RpcConstants.RpcVersion);

    /// <summary>AUTH_ERROR with <paramref name="status"/>.</summary>
    public static RpcReplyHeader AuthError(uint xid, RpcAuthStatus status) => new(xid, RpcReplyStatus.Denied, default, RpcRejectStatus.AuthError, status, 0, 0);

    /// <summary>True for an accepted reply with SUCCESS (results follow).</summary>
    public bool IsSuccess => ReplyStatus == RpcReplyStatus.Accepted && AcceptStatus == RpcAcceptStatus.Success;

    /// <summary>Encodes the header.</summary>
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32(Xid);
        writer.WriteUInt32((uint)RpcMessageType.Reply);
        writer.WriteUInt32((uint)ReplyStatus);
        if (ReplyStatus == RpcReplyStatus.Accepted)
        {
            writer.WriteUInt32((uint)RpcAuthFlavor.None);
            writer.WriteOpaque([]);
            writer.WriteUInt32((uint)AcceptStatus);
            if (AcceptStatus == RpcAcceptStatus.ProgramMismatch)
            {
                writer.WriteUInt32(Low);
                writer.WriteUInt32(High);
            }
        }
        else
        {
            writer.WriteUInt32((uint)RejectStatus);
            if (RejectStatus == RpcRejectStatus.RpcMismatch)
            {
                writer.WriteUInt32(Low);
                writer.WriteUInt32(High);
            }
            else
            {
                writer.WriteUInt32((uint)AuthStatus);
            }
        }
    }

    /// <summary>Decodes a reply header (clients and tests); on success with SUCCESS the reader stands at the results.</summary>
    public static bool TryRead(ref XdrReader reader, out RpcReplyHeader header)
    {
        header = default;
        if (!reader.TryReadUInt32(out var xid) || !reader.TryReadUInt32(out var type) || type != (uint)RpcMessageType.Reply ||
            !reader.TryReadUInt32(out var replyStatus))
        {
            return false;
        }

        uint low = 0, high = 0;
        if (replyStatus == (uint)RpcReplyStatus.Accepted)
        {
            if (!reader.TryReadUInt32(out _) || !reader.TryReadOpaque(RpcConstants.MaxAuthBodyLength, out ReadOnlySpan<byte> _) || !reader.TryReadUInt32(out var accept))
            {
                return false;
            }

            if (accept == (uint)RpcAcceptStatus.ProgramMismatch && (!reader.TryReadUInt32(out low) || !reader.TryReadUInt32(out high)))
            {
                return false;
            }

            header = new RpcReplyHeader(xid, RpcReplyStatus.Accepted, (RpcAcceptStatus)accept, default, default, low, high);
            return true;
        }

        if (replyStatus != (uint)RpcReplyStatus.Denied || !reader.TryReadUInt32(out var reject))
        {
            return false;
        }

        if (reject == (uint)RpcRejectStatus.RpcMismatch)
        {
            if (!reader.TryReadUInt32(out low) || !reader.TryReadUInt32(out high))
            {
                return false;
            }

            header = new RpcReplyHeader(xid, RpcReplyStatus.Denied, default, RpcRejectStatus.RpcMismatch, default, low, high);
            return true;
        }

        if (!reader.TryReadUInt32(out var auth))
        {
            return false;
        }

        header = new RpcReplyHeader(xid, RpcReplyStatus.Denied, default, (RpcRejectStatus)reject, (RpcAuthStatus)auth, 0, 0);
        return true;
    }
}
