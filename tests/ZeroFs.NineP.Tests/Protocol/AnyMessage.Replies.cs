using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Protocol;

/// <summary>Parses any replie body by type: the dispatch a server or client does, for tests.</summary>
internal static partial class AnyMessage
{
    private static OperationStatus TryParseReplies(MessageType type, ReadOnlySpan<byte> body, out string? description, IBufferWriter<byte>? reencoded, ushort tag)
    {
        description = null;
        switch (type)
        {
            case MessageType.Rversion:
                {
                    var status = Rversion.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rauth:
                {
                    var status = Rauth.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rattach:
                {
                    var status = Rattach.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rlerror:
                {
                    var status = Rlerror.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rflush:
                {
                    var status = Rflush.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rwalk:
                {
                    var status = Rwalk.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rlopen:
                {
                    var status = Rlopen.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rlcreate:
                {
                    var status = Rlcreate.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rsymlink:
                {
                    var status = Rsymlink.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rmknod:
                {
                    var status = Rmknod.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rrename:
                {
                    var status = Rrename.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rreadlink:
                {
                    var status = Rreadlink.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rgetattr:
                {
                    var status = Rgetattr.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rsetattr:
                {
                    var status = Rsetattr.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rxattrwalk:
                {
                    var status = Rxattrwalk.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rxattrcreate:
                {
                    var status = Rxattrcreate.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rreaddir:
                {
                    var status = Rreaddir.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rfsync:
                {
                    var status = Rfsync.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rlock:
                {
                    var status = Rlock.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rgetlock:
                {
                    var status = Rgetlock.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rlink:
                {
                    var status = Rlink.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rmkdir:
                {
                    var status = Rmkdir.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rrenameat:
                {
                    var status = Rrenameat.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Runlinkat:
                {
                    var status = Runlinkat.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rstatfs:
                {
                    var status = Rstatfs.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rread:
                {
                    var status = Rread.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rwrite:
                {
                    var status = Rwrite.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rclunk:
                {
                    var status = Rclunk.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Rremove:
                {
                    var status = Rremove.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            default:
                return OperationStatus.InvalidData;
        }
    }
}
