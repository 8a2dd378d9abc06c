using ZeroFs.Nfs.Rpc;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// The portmapper (program 100000 version 2, RFC 1833) answered on the NFS port itself, so clients
/// that ask for ports (libnfs without nfsport/mountport) find NFS and MOUNT here: GETPORT names this
/// connection's port for NFS v3, MOUNT v3 and the portmapper over TCP and 0 for anything else; DUMP
/// lists those three; SET and UNSET are refused.
/// </summary>
internal static class PortmapService
{
    public static void Handle(NfsCall call)
    {
        switch ((PortmapProcedure)call.Procedure)
        {
            case PortmapProcedure.Null:
                RpcDispatcher.WriteHeaderOnly(call, RpcReplyHeader.Accepted(call.Xid, RpcAcceptStatus.Success));
                break;
            case PortmapProcedure.GetPort:
                if (RpcDispatcher.TryDecode<PortmapMapping>(call, out var wanted))
                {
                    var writer = RpcDispatcher.BeginSuccess(call);
                    writer.WriteUInt32(Serves(wanted) ? (uint)call.LocalPort : 0);
                    writer.Commit();
                }

                break;
            case PortmapProcedure.Set or PortmapProcedure.Unset:
                if (RpcDispatcher.TryDecode<PortmapMapping>(call, out _))
                {
                    var writer = RpcDispatcher.BeginSuccess(call);
                    writer.WriteBool(false);
                    writer.Commit();
                }

                break;
            case PortmapProcedure.Dump:
                var port = (uint)call.LocalPort;
                ReadOnlySpan<PortmapMapping> mappings =
                [
                    new(RpcConstants.PortmapProgram, RpcConstants.PortmapVersion, RpcConstants.ProtocolTcp, port),
                    new(RpcConstants.NfsProgram, RpcConstants.NfsVersion, RpcConstants.ProtocolTcp, port),
                    new(RpcConstants.MountProgram, RpcConstants.MountVersion, RpcConstants.ProtocolTcp, port),
                ];
                var dump = RpcDispatcher.BeginSuccess(call);
                PortmapMapping.WriteList(ref dump, mappings);
                dump.Commit();
                break;
            default:
                RpcDispatcher.ProcedureUnavailable(call);
                break;
        }
    }

    private static bool Serves(in PortmapMapping mapping) =>
        mapping.Protocol == RpcConstants.ProtocolTcp && mapping.Program switch
        {
            RpcConstants.NfsProgram => mapping.Version == RpcConstants.NfsVersion,
            RpcConstants.MountProgram => mapping.Version == RpcConstants.MountVersion,
            RpcConstants.PortmapProgram => mapping.Version == RpcConstants.PortmapVersion,
            _ => false,
        };
}
