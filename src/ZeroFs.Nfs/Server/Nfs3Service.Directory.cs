using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// READDIR and READDIRPLUS. The filesystem's cookies are stable for good (never reused, kept across a
/// rename in the same directory), so a page resumes exactly after the last entry sent, whatever changed
/// meanwhile, and the cookie verifier is one constant: a non-zero verifier other than ours (another
/// server's cookie) is NFS3ERR_BAD_COOKIE. Entries are streamed into the reply until the client's byte
/// budget is used; the next call resumes from the last cookie sent.
/// </summary>
internal sealed partial class Nfs3Service
{
    private const int MaxEntriesPerCall = 4096;

    private async ValueTask ReadDirAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<ReadDirArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await CheckDirectoryAsync(args.Dir, args.Cookie, args.CookieVerifier, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new ReadDirReply(status, dir.Id == 0 ? null : ToNfs3(dir), 0, [], false));
            return;
        }

        var budget = (int)Math.Min(args.Count, (uint)_maxTransfer) - ReadDirReply.FixedLength;
        var wanted = Math.Clamp(budget / ReadDirReply.EntryLength(4), 1, MaxEntriesPerCall);
        var page = await _fs.ReadDirectoryAsync(call.Credentials, dir.Id, args.Cookie, wanted, withAttributes: false, cancellationToken).ConfigureAwait(false);
        if (!page.IsOk)
        {
            RpcDispatcher.Reply(call, new ReadDirReply(NfsStatusMap.ToNfs3(page.Status), ToNfs3(dir), 0, [], false));
            return;
        }

        var entries = page.Value.Entries;
        var writer = RpcDispatcher.BeginSuccess(call);
        ReadDirReply.WriteOkHeader(ref writer, ToNfs3(dir), CookieVerifier);
        var used = 0;
        var sent = 0;
        for (; sent < entries.Count; sent++)
        {
            var entry = entries[sent];
            used += ReadDirReply.EntryLength(entry.Name.Length);
            if (used > budget)
            {
                break;
            }

            ReadDirReply.WriteEntry(ref writer, entry.Id, entry.Name, entry.Cookie);
        }

        if (sent == 0 && entries.Count > 0)
        {
            RpcDispatcher.Reply(call, new ReadDirReply(Nfs3Status.TooSmall, ToNfs3(dir), 0, [], false));
            return;
        }

        ReadDirReply.WriteEnd(ref writer, page.Value.EndOfDirectory && sent == entries.Count);
        writer.Commit();
    }

    private async ValueTask ReadDirPlusAsync(NfsCall call, CancellationToken cancellationToken)
    {
        if (!RpcDispatcher.TryDecode<ReadDirPlusArgs>(call, out var args))
        {
            return;
        }

        var (status, dir) = await CheckDirectoryAsync(args.Dir, args.Cookie, args.CookieVerifier, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            RpcDispatcher.Reply(call, new ReadDirPlusReply(status, dir.Id == 0 ? null : ToNfs3(dir), 0, [], false));
            return;
        }

        var budget = (int)Math.Min(args.MaxCount, (uint)_maxTransfer) - ReadDirReply.FixedLength;
        var dirBudget = (int)Math.Min(args.DirCount == 0 ? uint.MaxValue : args.DirCount, int.MaxValue);
        var wanted = Math.Clamp(Math.Min(budget / ReadDirPlusReply.EntryLength(4), dirBudget / ReadDirPlusReply.DirectoryInfoLength(4)), 1, MaxEntriesPerCall);
        var page = await _fs.ReadDirectoryAsync(call.Credentials, dir.Id, args.Cookie, wanted, withAttributes: true, cancellationToken).ConfigureAwait(false);
        if (!page.IsOk)
        {
            RpcDispatcher.Reply(call, new ReadDirPlusReply(NfsStatusMap.ToNfs3(page.Status), ToNfs3(dir), 0, [], false));
            return;
        }

        var entries = page.Value.Entries;
        var writer = RpcDispatcher.BeginSuccess(call);
        ReadDirReply.WriteOkHeader(ref writer, ToNfs3(dir), CookieVerifier);
        var used = 0;
        var usedDir = 0;
        var sent = 0;
        for (; sent < entries.Count; sent++)
        {
            var entry = entries[sent];
            used += ReadDirPlusReply.EntryLength(entry.Name.Length);
            usedDir += ReadDirPlusReply.DirectoryInfoLength(entry.Name.Length);
            if (used > budget || (usedDir > dirBudget && sent > 0))
            {
                break;
            }

            Nfs3Attributes? attributes = null;
            NfsFileHandle? handle = null;
            if (entry.Attributes is { } found)
            {
                attributes = ToNfs3(found);
                handle = HandleOf(found);
            }

            ReadDirPlusReply.WriteEntry(ref writer, entry.Id, entry.Name, entry.Cookie, attributes, handle);
        }

        if (sent == 0 && entries.Count > 0)
        {
            RpcDispatcher.Reply(call, new ReadDirPlusReply(Nfs3Status.TooSmall, ToNfs3(dir), 0, [], false));
            return;
        }

        ReadDirReply.WriteEnd(ref writer, page.Value.EndOfDirectory && sent == entries.Count);
        writer.Commit();
    }

    private async ValueTask<(Nfs3Status Status, InodeAttributes Dir)> CheckDirectoryAsync(NfsFileHandle handle, ulong cookie, ulong verifier, CancellationToken cancellationToken)
    {
        var (status, dir) = await ResolveAsync(handle, cancellationToken).ConfigureAwait(false);
        if (status != Nfs3Status.Ok)
        {
            return (status, default);
        }

        if (dir.Type != FileType.Directory)
        {
            return (Nfs3Status.NotDirectory, dir);
        }

        return cookie != 0 && verifier != 0 && verifier != CookieVerifier ? (Nfs3Status.BadCookie, dir) : (Nfs3Status.Ok, dir);
    }
}
