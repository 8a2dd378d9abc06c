using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// The NFSv3 program: decodes each procedure's arguments, calls the filesystem with the caller's
/// credentials and encodes the result, with weak cache consistency data on every mutating reply.
/// One partial per operation family.
/// </summary>
internal sealed partial class Nfs3Service
{
    private static readonly string[] ProcedureNames =
    [
        "NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE", "CREATE", "MKDIR", "SYMLINK",
        "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS", "FSSTAT", "FSINFO", "PATHCONF", "COMMIT",
    ];

    private readonly PosixFileSystem _fs;
    private readonly ulong _volume;
    private readonly ulong _writeVerifier;
    private readonly bool _async;
    private readonly int _maxTransfer;
    private readonly ILogger _logger;

    public Nfs3Service(PosixFileSystem fs, NfsServerOptions options, ulong writeVerifier, ILogger logger)
    {
        _fs = fs;
        _volume = options.VolumeId;
        _writeVerifier = writeVerifier;
        _async = options.Async;
        _maxTransfer = options.MaxTransferSize;
        _logger = logger;
    }

    /// <summary>The readdir cookie verifier: cookies are stable for good (never reused, kept across renames), so one constant per cookie format.</summary>
    public const ulong CookieVerifier = 0x5A46_5343_4F4F_4B31; // "ZFSCOOK1"

    public async ValueTask HandleAsync(NfsCall call, CancellationToken cancellationToken)
    {
        var procedure = (Nfs3Procedure)call.Procedure;
        var task = procedure switch
        {
            Nfs3Procedure.Null => NullAsync(call),
            Nfs3Procedure.GetAttr => GetAttrAsync(call, cancellationToken),
            Nfs3Procedure.SetAttr => SetAttrAsync(call, cancellationToken),
            Nfs3Procedure.Lookup => LookupAsync(call, cancellationToken),
            Nfs3Procedure.Access => AccessAsync(call, cancellationToken),
            Nfs3Procedure.ReadLink => ReadLinkAsync(call, cancellationToken),
            Nfs3Procedure.Read => ReadAsync(call, cancellationToken),
            Nfs3Procedure.Write => WriteAsync(call, cancellationToken),
            Nfs3Procedure.Create => CreateAsync(call, cancellationToken),
            Nfs3Procedure.MakeDirectory => MkdirAsync(call, cancellationToken),
            Nfs3Procedure.Symlink => SymlinkAsync(call, cancellationToken),
            Nfs3Procedure.MakeNode => MknodAsync(call, cancellationToken),
            Nfs3Procedure.Remove => RemoveAsync(call, directory: false, cancellationToken),
            Nfs3Procedure.RemoveDirectory => RemoveAsync(call, directory: true, cancellationToken),
            Nfs3Procedure.Rename => RenameAsync(call, cancellationToken),
            Nfs3Procedure.Link => LinkAsync(call, cancellationToken),
            Nfs3Procedure.ReadDir => ReadDirAsync(call, cancellationToken),
            Nfs3Procedure.ReadDirPlus => ReadDirPlusAsync(call, cancellationToken),
            Nfs3Procedure.FsStat => FsStatAsync(call, cancellationToken),
            Nfs3Procedure.FsInfo => FsInfoAsync(call, cancellationToken),
            Nfs3Procedure.PathConf => PathConfAsync(call, cancellationToken),
            Nfs3Procedure.Commit => CommitAsync(call, cancellationToken),
            _ => UnavailableAsync(call),
        };
        await task.ConfigureAwait(false);
        if (call.Procedure < (uint)ProcedureNames.Length)
        {
            var tag = new KeyValuePair<string, object?>("procedure", ProcedureNames[call.Procedure]);
            NfsMetrics.Calls.Add(1, tag);
            NfsMetrics.Duration.Record(Stopwatch.GetElapsedTime(call.StartTimestamp).TotalSeconds, tag);
        }
    }

    private static ValueTask NullAsync(NfsCall call)
    {
        RpcDispatcher.WriteHeaderOnly(call, Rpc.RpcReplyHeader.Accepted(call.Xid, Rpc.RpcAcceptStatus.Success));
        return ValueTask.CompletedTask;
    }

    private static ValueTask UnavailableAsync(NfsCall call)
    {
        RpcDispatcher.ProcedureUnavailable(call);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The inode a handle names, checked: BADHANDLE for bytes that are not our handle, STALE for
    /// another volume or an inode deleted (or replaced under the same id) since the handle was made.
    /// </summary>
    private async ValueTask<(Nfs3Status Status, InodeAttributes Attributes)> ResolveAsync(NfsFileHandle handle, CancellationToken cancellationToken)
    {
        if (!handle.IsWellFormed || handle.InodeId == 0)
        {
            return (Nfs3Status.BadHandle, default);
        }

        if (handle.VolumeId != _volume)
        {
            return (Nfs3Status.Stale, default);
        }

        var found = await _fs.GetAttributesAsync(handle.InodeId, handle.Generation, cancellationToken).ConfigureAwait(false);
        return found.IsOk ? (Nfs3Status.Ok, found.Value) : (NfsStatusMap.ToNfs3(found.Status), default);
    }

    /// <summary>Current attributes for post-operation data, or null when the inode is gone.</summary>
    private async ValueTask<Nfs3Attributes?> PostAttributesAsync(ulong id, CancellationToken cancellationToken)
    {
        var found = await _fs.GetAttributesAsync(id, cancellationToken).ConfigureAwait(false);
        return found.IsOk ? ToNfs3(found.Value) : null;
    }

    private async ValueTask<WccData> WccAsync(InodeAttributes before, CancellationToken cancellationToken) =>
        new(AttributeMapping.ToWcc(before), await PostAttributesAsync(before.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Makes a successful metadata change durable before its reply. RFC 1813 §4.8 (stable storage) makes
    /// CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME and LINK synchronous, and SETATTR is too (as in
    /// knfsd's <c>sync</c> export, DECISIONS.md 1): a client that saw the reply holds the new handle or
    /// name, and a restart must not take it away (the client would meet NFS3ERR_STALE, or a file it
    /// created reappearing as missing). Concurrent calls share one WAL flush (the engine's group commit).
    /// With <see cref="NfsServerOptions.Async"/> the reply does not wait. Returns <paramref name="status"/>,
    /// or the barrier's failure.
    /// </summary>
    private async ValueTask<FsStatus> StableAsync(FsStatus status, ulong id, CancellationToken cancellationToken)
    {
        if (status != FsStatus.Ok || _async)
        {
            return status;
        }

        return await _fs.FsyncAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private Nfs3Attributes ToNfs3(in InodeAttributes attributes) => AttributeMapping.ToNfs3(attributes, _volume);

    private NfsFileHandle HandleOf(in InodeAttributes attributes) => new(_volume, attributes.Id, attributes.Generation);
}
