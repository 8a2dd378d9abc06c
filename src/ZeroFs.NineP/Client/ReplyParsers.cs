using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Client;

/// <summary>Cached reply parsers (static lambdas: no allocation per request).</summary>
internal static class ReplyParsers
{
    public static readonly ReplyParser<Qid> Qid = static body => body.Length == Protocol.Qid.EncodedLength && new NinePReader(body).TryReadQid(out var qid)
        ? qid
        : throw new NinePProtocolException("malformed reply: expected a 13-byte qid");

    public static readonly ReplyParser<OpenResult> Open = static body => Rlopen.TryParse(body, out var reply) == OperationStatus.Done
        ? new OpenResult(reply.Qid, reply.IOUnit)
        : throw Malformed(MessageType.Rlopen);

    public static readonly ReplyParser<Qid[]> Walk = static body =>
    {
        if (Rwalk.TryParse(body, out var reply) != OperationStatus.Done)
        {
            throw Malformed(MessageType.Rwalk);
        }

        var qids = new Qid[reply.Qids.Count];
        for (var i = 0; i < qids.Length; i++)
        {
            qids[i] = reply.Qids[i];
        }

        return qids;
    };

    public static readonly ReplyParser<uint> Write = static body => Rwrite.TryParse(body, out var reply) == OperationStatus.Done
        ? reply.Count
        : throw Malformed(MessageType.Rwrite);

    public static readonly ReplyParser<byte[]> Readlink = static body => Rreadlink.TryParse(body, out var reply) == OperationStatus.Done
        ? reply.Target.ToArray()
        : throw Malformed(MessageType.Rreadlink);

    public static readonly ReplyParser<ulong> XattrSize = static body => Rxattrwalk.TryParse(body, out var reply) == OperationStatus.Done
        ? reply.Size
        : throw Malformed(MessageType.Rxattrwalk);

    public static readonly ReplyParser<LockStatus> Lock = static body => Rlock.TryParse(body, out var reply) == OperationStatus.Done
        ? reply.Status
        : throw Malformed(MessageType.Rlock);

    public static readonly ReplyParser<LockInfo> Getlock = static body => Rgetlock.TryParse(body, out var r) == OperationStatus.Done
        ? new LockInfo(r.LockType, r.Start, r.Length, r.ProcessId, r.ClientId.ToArray())
        : throw Malformed(MessageType.Rgetlock);

    public static readonly ReplyParser<FileSystemStatistics> Statfs = static body => Rstatfs.TryParse(body, out var r) == OperationStatus.Done
        ? new FileSystemStatistics(r.FileSystemType, r.BlockSize, r.Blocks, r.FreeBlocks, r.AvailableBlocks, r.Files, r.FreeFiles, r.FileSystemId, r.MaxNameLength)
        : throw Malformed(MessageType.Rstatfs);

    public static readonly ReplyParser<FileAttributes> Getattr = static body => Rgetattr.TryParse(body, out var r) == OperationStatus.Done
        ? new FileAttributes
        {
            Valid = r.Valid,
            Qid = r.Qid,
            Mode = r.Mode,
            Uid = r.Uid,
            Gid = r.Gid,
            LinkCount = r.LinkCount,
            RDev = r.RDev,
            Size = r.Size,
            BlockSize = r.BlockSize,
            Blocks = r.Blocks,
            Atime = (r.AtimeSeconds, r.AtimeNanoseconds),
            Mtime = (r.MtimeSeconds, r.MtimeNanoseconds),
            Ctime = (r.CtimeSeconds, r.CtimeNanoseconds),
            Btime = (r.BtimeSeconds, r.BtimeNanoseconds),
            Generation = r.Generation,
            DataVersion = r.DataVersion,
        }
        : throw Malformed(MessageType.Rgetattr);

    public static readonly ReplyParser<IReadOnlyList<DirectoryEntryInfo>> Readdir = static body =>
    {
        if (Rreaddir.TryParse(body, out var reply) != OperationStatus.Done)
        {
            throw Malformed(MessageType.Rreaddir);
        }

        var entries = new List<DirectoryEntryInfo>();
        var reader = new DirectoryEntryReader(reply.Data);
        while (reader.TryReadNext(out var entry))
        {
            entries.Add(new DirectoryEntryInfo(entry.Qid, entry.Offset, entry.Type, entry.Name.ToArray()));
        }

        return reader.IsAtEnd ? entries : throw Malformed(MessageType.Rreaddir);
    };

    private static NinePProtocolException Malformed(MessageType type) => new($"malformed {type}");
}
