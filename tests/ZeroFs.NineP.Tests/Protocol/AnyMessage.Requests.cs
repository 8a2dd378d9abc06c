using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Protocol;

/// <summary>Parses any request body by type: the dispatch a server or client does, for tests.</summary>
internal static partial class AnyMessage
{
    private static OperationStatus TryParseRequests(MessageType type, ReadOnlySpan<byte> body, out string? description, IBufferWriter<byte>? reencoded, ushort tag)
    {
        description = null;
        switch (type)
        {
            case MessageType.Tversion:
                {
                    var status = Tversion.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tauth:
                {
                    var status = Tauth.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tattach:
                {
                    var status = Tattach.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tflush:
                {
                    var status = Tflush.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Twalk:
                {
                    var status = Twalk.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tlopen:
                {
                    var status = Tlopen.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tlcreate:
                {
                    var status = Tlcreate.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tsymlink:
                {
                    var status = Tsymlink.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tmknod:
                {
                    var status = Tmknod.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Trename:
                {
                    var status = Trename.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Treadlink:
                {
                    var status = Treadlink.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tgetattr:
                {
                    var status = Tgetattr.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tsetattr:
                {
                    var status = Tsetattr.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Txattrwalk:
                {
                    var status = Txattrwalk.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Txattrcreate:
                {
                    var status = Txattrcreate.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Treaddir:
                {
                    var status = Treaddir.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tfsync:
                {
                    var status = Tfsync.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tlock:
                {
                    var status = Tlock.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tgetlock:
                {
                    var status = Tgetlock.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tlink:
                {
                    var status = Tlink.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tmkdir:
                {
                    var status = Tmkdir.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Trenameat:
                {
                    var status = Trenameat.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tunlinkat:
                {
                    var status = Tunlinkat.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tstatfs:
                {
                    var status = Tstatfs.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tread:
                {
                    var status = Tread.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Twrite:
                {
                    var status = Twrite.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tclunk:
                {
                    var status = Tclunk.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            case MessageType.Tremove:
                {
                    var status = Tremove.TryParse(body, out var m);
                    description = status == OperationStatus.Done ? m.ToString() : null;
                    return Reencode(status, reencoded, tag, m);
                }

            default:
                return OperationStatus.InvalidData;
        }
    }
}
