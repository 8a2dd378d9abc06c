using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Rpc;

/// <summary>
/// The header of an RPC call (RFC 5531 §9: call_body): xid, rpcvers, program, version, procedure,
/// credentials and verifier. The procedure's arguments follow it in the record.
/// </summary>
/// <param name="Xid">The transaction id the reply must echo.</param>
/// <param name="RpcVersion">rpcvers (2 is the only one served).</param>
/// <param name="Program">The program number.</param>
/// <param name="Version">The program version.</param>
/// <param name="Procedure">The procedure number.</param>
/// <param name="CredentialFlavor">The credential flavor.</param>
/// <param name="CredentialBody">The credential body (AUTH_SYS parameters), a slice of the record.</param>
/// <param name="VerifierFlavor">The verifier flavor.</param>
public readonly record struct RpcCallHeader(
    uint Xid, uint RpcVersion, uint Program, uint Version, uint Procedure, RpcAuthFlavor CredentialFlavor, ReadOnlyMemory<byte> CredentialBody, RpcAuthFlavor VerifierFlavor)
{
    /// <summary>Decodes a call header (the reader must be created over memory); on success the reader stands at the first argument.</summary>
    public static RpcCallReadStatus TryRead(ref XdrReader reader, out RpcCallHeader header)
    {
        header = default;
        if (!reader.TryReadUInt32(out var xid) || !reader.TryReadUInt32(out var type) || type != (uint)RpcMessageType.Call)
        {
            return RpcCallReadStatus.NotACall;
        }

        header = header with { Xid = xid };
        if (!reader.TryReadUInt32(out var rpcVersion) ||
            !reader.TryReadUInt32(out var program) ||
            !reader.TryReadUInt32(out var version) ||
            !reader.TryReadUInt32(out var procedure) ||
            !reader.TryReadUInt32(out var credentialFlavor) ||
            !reader.TryReadOpaqueMemory(RpcConstants.MaxAuthBodyLength, out var credentialBody) ||
            !reader.TryReadUInt32(out var verifierFlavor) ||
            !reader.TryReadOpaque(RpcConstants.MaxAuthBodyLength, out ReadOnlySpan<byte> _))
        {
            return RpcCallReadStatus.Malformed;
        }

        header = new RpcCallHeader(xid, rpcVersion, program, version, procedure, (RpcAuthFlavor)credentialFlavor, credentialBody, (RpcAuthFlavor)verifierFlavor);
        return RpcCallReadStatus.Ok;
    }

    /// <summary>Writes a call header with an AUTH_NONE verifier (clients and tests).</summary>
    public static void Write(ref XdrWriter writer, uint xid, uint program, uint version, uint procedure, RpcAuthFlavor credentialFlavor, ReadOnlySpan<byte> credentialBody)
    {
        writer.WriteUInt32(xid);
        writer.WriteUInt32((uint)RpcMessageType.Call);
        writer.WriteUInt32(RpcConstants.RpcVersion);
        writer.WriteUInt32(program);
        writer.WriteUInt32(version);
        writer.WriteUInt32(procedure);
        writer.WriteUInt32((uint)credentialFlavor);
        writer.WriteOpaque(credentialBody);
        writer.WriteUInt32((uint)RpcAuthFlavor.None);
        writer.WriteOpaque([]);
    }
}
