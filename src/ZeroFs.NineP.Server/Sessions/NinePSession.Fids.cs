using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Server.Fids;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>The fid table.</summary>
internal sealed partial class NinePSession
{
    private bool TryGetFid(uint number, out Fid fid)
    {
        lock (_sync)
        {
            return _fids.TryGetValue(number, out fid!);
        }
    }

    /// <summary>A fid that names a file or directory (not an xattr fid), or EBADF.</summary>
    private bool TryGetPathFid(NinePRequest request, uint number, out Fid fid)
    {
        if (TryGetFid(number, out fid) && fid.Kind == FidKind.Path)
        {
            return true;
        }

        request.Error(P9Errno.EBADF);
        return false;
    }

    private bool IsFidInUse(uint number)
    {
        lock (_sync)
        {
            return _fids.ContainsKey(number);
        }
    }

    /// <summary>
    /// Adds <paramref name="fid"/> as <paramref name="number"/>, or replaces <paramref name="replacing"/>
    /// under that number (walk with newfid = fid, lcreate).
    /// </summary>
    /// <returns>0, EBADF when the number is taken (or <paramref name="replacing"/> is gone), EMFILE at the limit.</returns>
    private uint AddFid(uint number, Fid fid, Fid? replacing = null)
    {
        lock (_sync)
        {
            if (_fids.TryGetValue(number, out var existing))
            {
                if (replacing is null || !ReferenceEquals(existing, replacing))
                {
                    return P9Errno.EBADF;
                }

                _fids[number] = fid;
                return 0;
            }

            if (replacing is not null)
            {
                return P9Errno.EBADF;
            }

            if (_fids.Count >= _options.MaxFidsPerSession)
            {
                return P9Errno.EMFILE;
            }

            _fids.Add(number, fid);
            return 0;
        }
    }

    private Fid? TakeFid(uint number)
    {
        lock (_sync)
        {
            return _fids.Remove(number, out var fid) ? fid : null;
        }
    }

    /// <summary>
    /// Lets go of a fid that has left the table: releases the locks placed through it, commits a pending
    /// xattr write (when <paramref name="commit"/>), and releases its open handle.
    /// </summary>
    /// <returns>0, or the errno of a failed xattr commit or release.</returns>
    private async ValueTask<uint> ReleaseFidAsync(Fid fid, bool commit)
    {
        if (fid.LockOwners is { } owners)
        {
            foreach (var owner in owners)
            {
                _server.Locks.ReleaseOwner(fid.Inode, owner);
            }
        }

        uint errno = 0;
        if (fid.Kind == FidKind.XattrWrite && commit)
        {
            errno = await CommitXattrAsync(fid).ConfigureAwait(false);
        }

        if (fid.IsOpen)
        {
            var status = await _fs.ReleaseAsync(fid.Inode, CancellationToken.None).ConfigureAwait(false);
            if (status != FsStatus.Ok && errno == 0)
            {
                errno = NinePErrno.FromStatus(status);
            }
        }

        return errno;
    }

    /// <summary>Clunks every fid (Tversion, end of session); pending xattr writes are dropped.</summary>
    private async Task ReleaseAllFidsAsync()
    {
        List<Fid> all;
        lock (_sync)
        {
            all = [.. _fids.Values];
            _fids.Clear();
        }

        foreach (var fid in all)
        {
            try
            {
                await ReleaseFidAsync(fid, commit: false).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                NinePServerLog.ReleaseFailed(_logger, _id, fid.Inode, exception);
            }
        }
    }

    /// <summary>The identity for a create with the message's gid: the new file's group unless the directory is setgid.</summary>
    private Credentials WithGroup(Fid fid, uint gid) =>
        _options.ForcedCredentials is not null ? fid.Credentials : new Credentials(fid.Credentials.Uid, gid, fid.Credentials.Groups);
}
