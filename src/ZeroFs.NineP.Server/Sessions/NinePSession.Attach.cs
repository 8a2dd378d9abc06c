using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server.Fids;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Tattach and Twalk.</summary>
internal sealed partial class NinePSession
{
    /// <summary>The uid and gid of "nobody", for a named user other than root.</summary>
    private const uint Nobody = 65534;

    /// <summary>
    /// Tattach: the identity is n_uname as uid and gid with no supplementary groups (all stock 9P2000.L
    /// carries); n_uname = NONUNAME resolves uname "root" to 0 and any other name to nobody;
    /// <see cref="NinePServerOptions.ForcedCredentials"/> overrides both. aname selects the subtree the fid
    /// names, walked from the root as this identity ("" or "/" is the root). afid is ignored: no
    /// authentication is required.
    /// </summary>
    private async ValueTask AttachAsync(NinePRequest request)
    {
        uint fidNumber;
        Credentials credentials;
        ReadOnlyMemory<byte> attachName;
        {
            if (Tattach.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            fidNumber = message.Fid;
            attachName = request.Slice(message.AttachName);
            credentials = _options.ForcedCredentials ?? ResolveIdentity(message.UserName, message.NumericUserName);
        }

        if (IsFidInUse(fidNumber))
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        var current = PosixFileSystem.RootId;
        var type = FileType.Directory;
        var start = 0;
        while (start < attachName.Length)
        {
            var rest = attachName.Span[start..];
            var slash = rest.IndexOf((byte)'/');
            var length = slash < 0 ? rest.Length : slash;
            var name = attachName.Slice(start, length);
            start += length + 1;
            if (name.IsEmpty || Names.IsDot(name.Span))
            {
                continue;
            }

            if (type != FileType.Directory)
            {
                request.Error(P9Errno.ENOTDIR);
                return;
            }

            var found = await _fs.LookupAsync(credentials, current, name, request.Cancellation.Token).ConfigureAwait(false);
            if (!found.IsOk)
            {
                request.Error(NinePErrno.FromStatus(found.Status));
                return;
            }

            current = found.Value.Id;
            type = found.Value.Type;
        }

        if (type != FileType.Directory)
        {
            request.Error(P9Errno.ENOTDIR);
            return;
        }

        var errno = AddFid(fidNumber, new Fid(current, type, credentials, current, current, null));
        if (errno != 0)
        {
            request.Error(errno);
            return;
        }

        NinePServerLog.Attached(_logger, _id, credentials.Uid, credentials.Gid, current);
        request.Write(new Rattach(Qids.Of(current, type)));
    }

    private static Credentials ResolveIdentity(ReadOnlySpan<byte> userName, uint numericUserName)
    {
        if (numericUserName != NinePConstants.NoUid)
        {
            return new Credentials(numericUserName, numericUserName);
        }

        return userName.SequenceEqual("root"u8) ? Credentials.Root : new Credentials(Nobody, Nobody);
    }

    /// <summary>
    /// Twalk: no names clones the fid; otherwise each name is looked up as the fid's identity. ".." at the
    /// attach root stays there. When the first name fails the reply is its Rlerror; a later failure returns
    /// the qids walked so far and newfid is not created. newfid must be unused unless it equals fid, in
    /// which case a complete walk moves fid itself (not allowed for an open fid).
    /// </summary>
    private async ValueTask WalkAsync(NinePRequest request)
    {
        uint fidNumber;
        uint newFidNumber;
        int count;
        {
            if (Twalk.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            fidNumber = message.Fid;
            newFidNumber = message.NewFid;
            count = 0;
            foreach (var name in message.Names)
            {
                request.WalkNames[count++] = request.Slice(name);
            }
        }

        if (!TryGetPathFid(request, fidNumber, out var source))
        {
            return;
        }

        var inPlace = newFidNumber == fidNumber;
        if ((inPlace && count > 0 && source.IsOpen) || (!inPlace && IsFidInUse(newFidNumber)))
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        var current = source.Inode;
        var type = source.Type;
        var parent = source.Parent;
        var lastName = source.Name is null ? ReadOnlyMemory<byte>.Empty : source.Name;
        var named = source.Name is not null;
        for (var i = 0; i < count; i++)
        {
            var name = request.WalkNames[i];
            var status = FsStatus.Ok;
            if (type != FileType.Directory)
            {
                status = FsStatus.NotDirectory;
            }
            else if (Names.IsDotDot(name.Span) && current == source.AttachRoot)
            {
                // The attach root is the top of this session's tree.
            }
            else
            {
                var found = await _fs.LookupAsync(source.Credentials, current, name, request.Cancellation.Token).ConfigureAwait(false);
                status = found.Status;
                if (found.IsOk && !Names.IsDot(name.Span))
                {
                    // After "..", the name in the grandparent is unknown: Trename/Tremove through this fid are refused.
                    named = !Names.IsDotDot(name.Span) && found.Value.Id != source.AttachRoot;
                    parent = current;
                    lastName = name;
                    current = found.Value.Id;
                    type = found.Value.Type;
                }
            }

            if (status != FsStatus.Ok)
            {
                if (i == 0)
                {
                    request.Error(NinePErrno.FromStatus(status));
                }
                else
                {
                    request.Write(new Rwalk(new QidList(request.WalkQids.AsSpan(0, i))));
                }

                return;
            }

            request.WalkQids[i] = Qids.Of(current, type);
        }

        var walked = count == 0
            ? source.Clone()
            : new Fid(current, type, source.Credentials, source.AttachRoot, parent, named ? lastName.ToArray() : null);
        if (!(inPlace && count == 0))
        {
            var errno = AddFid(newFidNumber, walked, inPlace ? source : null);
            if (errno != 0)
            {
                request.Error(errno);
                return;
            }
        }

        request.Write(new Rwalk(new QidList(request.WalkQids.AsSpan(0, count))));
    }
}
