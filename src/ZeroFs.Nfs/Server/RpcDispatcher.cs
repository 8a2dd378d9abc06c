using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// Decodes the call header, authenticates (AUTH_SYS as sent, AUTH_NONE as nobody), routes to the
/// program and writes RPC-level errors: RPC_MISMATCH, AUTH_ERROR, PROG_UNAVAIL, PROG_MISMATCH,
/// PROC_UNAVAIL, GARBAGE_ARGS. A failure inside a procedure becomes NFS3ERR_IO (NFS) or SYSTEM_ERR.
/// </summary>
internal sealed class RpcDispatcher
{
    /// <summary>The identity of AUTH_NONE callers (nobody).</summary>
    public const uint NobodyId = 65534;

    private readonly Nfs3Service _nfs;
    private readonly MountService _mount;
    private readonly ILogger _logger;

    public RpcDispatcher(Nfs3Service nfs, MountService mount, ILogger logger)
    {
        _nfs = nfs;
        _mount = mount;
        _logger = logger;
    }

    public async ValueTask DispatchAsync(NfsCall call, NfsSession session, CancellationToken cancellationToken)
    {
        if (!Prepare(call, session))
        {
            return;
        }

        call.StartTimestamp = Stopwatch.GetTimestamp();
        try
        {
            switch (call.Program)
            {
                case RpcConstants.NfsProgram:
                    await _nfs.HandleAsync(call, cancellationToken).ConfigureAwait(false);
                    break;
                case RpcConstants.MountProgram:
                    await _mount.HandleAsync(call, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    PortmapService.Handle(call);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            NfsLog.CallFailed(_logger, call.Program, call.Procedure, ex);
            NfsMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("kind", "server_fault"));
            if (call.Program == RpcConstants.NfsProgram)
            {
                var writer = BeginSuccess(call);
                Nfs3FailureReply.Write(ref writer, (Nfs3Procedure)call.Procedure, Nfs3Status.IO);
                writer.Commit();
            }
            else
            {
                WriteHeaderOnly(call, RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.SystemError));
            }
        }
    }

    /// <summary>Header, version and auth checks; false when the call was answered (or dropped) already.</summary>
    private static bool Prepare(NfsCall call, NfsSession session)
    {
        var reader = new XdrReader(call.Record);
        var status = RpcCallHeader.TryRead(ref reader, out var header);
        if (status == RpcCallReadStatus.NotACall)
        {
            NfsMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("kind", "not_a_call"));
            return false;
        }

        call.Xid = header.Xid;
        if (status == RpcCallReadStatus.Malformed)
        {
            return Refuse(call, RpcReplyHeader.Accepted(header.Xid, RpcAcceptStatus.GarbageArguments), "garbage_header");
        }

        if (header.RpcVersion != RpcConstants.RpcVersion)
        {
            return Refuse(call, RpcReplyHeader.RpcMismatch(header.Xid), "rpc_mismatch");
        }

        call.Program = header.Program;
        call.Version = header.Version;
        call.Procedure = header.Procedure;
        call.ArgumentsOffset = reader.Position;
        switch (header.CredentialFlavor)
        {
            case RpcAuthFlavor.Sys:
                var credentialReader = new XdrReader(header.CredentialBody);
                if (!AuthSysCredentials.TryRead(ref credentialReader, out var auth))
                {
                    return Refuse(call, RpcReplyHeader.AuthError(header.Xid, RpcAuthStatus.BadCredentials), "auth_badcred");
                }

                call.Credentials = session.CredentialsFor(auth);
                call.MachineName = auth.MachineName;
                break;
            case RpcAuthFlavor.None:
                call.Credentials = new Credentials(NobodyId, NobodyId);
                call.MachineName = default;
                break;
            default:
                return Refuse(call, RpcReplyHeader.AuthError(header.Xid, RpcAuthStatus.TooWeak), "auth_tooweak");
        }

        var (low, high) = header.Program switch
        {
            RpcConstants.NfsProgram => (RpcConstants.NfsVersion, RpcConstants.NfsVersion),
            RpcConstants.MountProgram => (RpcConstants.MountVersion, RpcConstants.MountVersion),
            RpcConstants.PortmapProgram => (RpcConstants.PortmapVersion, RpcConstants.PortmapVersion),
            _ => (0u, 0u),
        };
        if (low == 0)
        {
            return Refuse(call, RpcReplyHeader.Accepted(header.Xid, RpcAcceptStatus.ProgramUnavailable), "prog_unavail");
        }

        if (header.Version < low || header.Version > high)
        {
            return Refuse(call, RpcReplyHeader.ProgramMismatch(header.Xid, low, high), "prog_mismatch");
        }

        return true;
    }

    private static bool Refuse(NfsCall call, in RpcReplyHeader header, string kind)
    {
        NfsMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
        WriteHeaderOnly(call, header);
        return false;
    }

    /// <summary>Starts an accepted SUCCESS reply; the caller writes the results and commits.</summary>
    public static XdrWriter BeginSuccess(NfsCall call)
    {
        call.Reply.Reset();
        var writer = new XdrWriter(call.Reply);
        RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.Success).Write(ref writer);
        return writer;
    }

    /// <summary>Writes a complete successful reply with <paramref name="result"/>.</summary>
    public static void Reply<T>(NfsCall call, in T result)
        where T : IXdrMessage<T>
    {
        var writer = BeginSuccess(call);
        result.Write(ref writer);
        writer.Commit();
    }

    /// <summary>Writes a reply that is only a header (an RPC error, or SUCCESS of a void procedure).</summary>
    public static void WriteHeaderOnly(NfsCall call, in RpcReplyHeader header)
    {
        call.Reply.Reset();
        var writer = new XdrWriter(call.Reply);
        header.Write(ref writer);
        writer.Commit();
    }

    /// <summary>Decodes the arguments; on failure answers GARBAGE_ARGS and returns false.</summary>
    public static bool TryDecode<T>(NfsCall call, out T arguments)
        where T : IXdrMessage<T>
    {
        var reader = call.ArgumentsReader();
        if (T.TryRead(ref reader, out arguments))
        {
            return true;
        }

        Garbage(call);
        return false;
    }

    /// <summary>Answers GARBAGE_ARGS.</summary>
    public static void Garbage(NfsCall call)
    {
        NfsMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("kind", "garbage_args"));
        WriteHeaderOnly(call, RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.GarbageArguments));
    }

    /// <summary>Answers PROC_UNAVAIL.</summary>
    public static void ProcedureUnavailable(NfsCall call)
    {
        NfsMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("kind", "proc_unavail"));
        WriteHeaderOnly(call, RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.ProcedureUnavailable));
    }
}
