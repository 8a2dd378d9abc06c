using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>The message switch.</summary>
internal sealed partial class NinePSession
{
    private ValueTask HandleAsync(NinePRequest request)
    {
        if (MessageSize == 0)
        {
            // Nothing but Tversion before a version is agreed.
            request.Error(P9Errno.EPROTO);
            return ValueTask.CompletedTask;
        }

        switch (request.Type)
        {
            case MessageType.Tauth:
                // No authentication scheme: Linux mounts without one (afid = NOFID), so Tauth is refused.
                request.Error(P9Errno.EOPNOTSUPP);
                return ValueTask.CompletedTask;
            case MessageType.Tattach:
                return AttachAsync(request);
            case MessageType.Tflush:
                return FlushAsync(request);
            case MessageType.Twalk:
                return WalkAsync(request);
            case MessageType.Tlopen:
                return LopenAsync(request);
            case MessageType.Tlcreate:
                return LcreateAsync(request);
            case MessageType.Tread:
                return ReadAsync(request);
            case MessageType.Twrite:
                return WriteAsync(request);
            case MessageType.Tclunk:
                return ClunkAsync(request);
            case MessageType.Tremove:
                return RemoveAsync(request);
            case MessageType.Tfsync:
                return FsyncAsync(request);
            case MessageType.Tgetattr:
                return GetattrAsync(request);
            case MessageType.Tsetattr:
                return SetattrAsync(request);
            case MessageType.Tstatfs:
                Statfs(request);
                return ValueTask.CompletedTask;
            case MessageType.Treadlink:
                return ReadlinkAsync(request);
            case MessageType.Treaddir:
                return ReaddirAsync(request);
            case MessageType.Tmkdir:
                return MkdirAsync(request);
            case MessageType.Tsymlink:
                return SymlinkAsync(request);
            case MessageType.Tmknod:
                return MknodAsync(request);
            case MessageType.Tlink:
                return LinkAsync(request);
            case MessageType.Trename:
                return RenameAsync(request);
            case MessageType.Trenameat:
                return RenameatAsync(request);
            case MessageType.Tunlinkat:
                return UnlinkatAsync(request);
            case MessageType.Txattrwalk:
                return XattrwalkAsync(request);
            case MessageType.Txattrcreate:
                Xattrcreate(request);
                return ValueTask.CompletedTask;
            case MessageType.Tlock:
                Lock(request);
                return ValueTask.CompletedTask;
            case MessageType.Tgetlock:
                Getlock(request);
                return ValueTask.CompletedTask;
            default:
                NinePServerLog.UnsupportedType(_logger, _id, (byte)request.Type, request.Tag);
                request.Error(P9Errno.EOPNOTSUPP);
                return ValueTask.CompletedTask;
        }
    }

    /// <summary>Answers a body that does not parse: the framing is intact, so the session goes on.</summary>
    private void Malformed(NinePRequest request)
    {
        NinePServerLog.MalformedBody(_logger, _id, request.Type, request.Tag);
        request.Error(P9Errno.EPROTO);
    }
}
