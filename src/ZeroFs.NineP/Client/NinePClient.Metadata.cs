using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Client;

/// <summary>Attributes, links, statfs, extended attributes and locks.</summary>
public sealed partial class NinePClient
{
    /// <summary>Tgetattr: reads the attributes selected by <paramref name="mask"/>.</summary>
    /// <param name="fid">The file.</param>
    /// <param name="mask">Attributes wanted.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The attributes; check <see cref="FileAttributes.Valid"/>.</returns>
    public Task<FileAttributes> GetattrAsync(uint fid, GetattrMask mask = GetattrMask.Basic, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tgetattr(fid, mask)), MessageType.Tgetattr, MessageType.Rgetattr, ReplyParsers.Getattr, cancellationToken);

    /// <summary>Tsetattr: applies the changes in <paramref name="request"/> (its Valid mask says which).</summary>
    /// <param name="request">The message, including the fid.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Rsetattr.</returns>
    public Task SetattrAsync(in Tsetattr request, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(request), MessageType.Tsetattr, MessageType.Rsetattr, cancellationToken);

    /// <summary>Tstatfs: file-system statistics.</summary>
    /// <param name="fid">Any fid.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The statistics.</returns>
    public Task<FileSystemStatistics> StatfsAsync(uint fid, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tstatfs(fid)), MessageType.Tstatfs, MessageType.Rstatfs, ReplyParsers.Statfs, cancellationToken);

    /// <summary>Treadlink: a symbolic link's target.</summary>
    /// <param name="fid">The link.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The target bytes.</returns>
    public Task<byte[]> ReadlinkAsync(uint fid, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Treadlink(fid)), MessageType.Treadlink, MessageType.Rreadlink, ReplyParsers.Readlink, cancellationToken);

    /// <summary>
    /// Txattrwalk: opens attribute <paramref name="name"/> (or, when empty, the name list) as a new fid;
    /// read it with <see cref="ReadAsync"/> and clunk it.
    /// </summary>
    /// <param name="fid">The file.</param>
    /// <param name="name">Attribute name, or empty to list.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The new fid and the value size.</returns>
    public Task<XattrWalkResult> XattrwalkAsync(uint fid, ReadOnlySpan<byte> name, CancellationToken cancellationToken = default)
    {
        var newFid = AllocateFid();
        var frame = EncodeForNewFid(newFid, new Txattrwalk(fid, newFid, name));
        return XattrwalkCoreAsync(frame, newFid, cancellationToken);
    }

    /// <summary>
    /// Txattrcreate: turns <paramref name="fid"/> into a writer for attribute <paramref name="name"/>;
    /// write exactly <paramref name="size"/> bytes with <see cref="WriteAsync"/>, then clunk to commit.
    /// </summary>
    /// <param name="fid">The file (it becomes the attribute writer).</param>
    /// <param name="name">Attribute name.</param>
    /// <param name="size">Value size (0 with no write removes the attribute).</param>
    /// <param name="flags">setxattr flags: XATTR_CREATE 1, XATTR_REPLACE 2.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Rxattrcreate.</returns>
    public Task XattrcreateAsync(uint fid, ReadOnlySpan<byte> name, ulong size, uint flags, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Txattrcreate(fid, name, size, flags)), MessageType.Txattrcreate, MessageType.Rxattrcreate, cancellationToken);

    /// <summary>Tlock: places or releases a POSIX byte-range lock (the server never blocks; retry on Blocked).</summary>
    /// <param name="fid">Open fid.</param>
    /// <param name="lockType">Read, write or unlock.</param>
    /// <param name="flags">Block and reclaim flags.</param>
    /// <param name="start">First byte.</param>
    /// <param name="length">Length; 0 means to end of file.</param>
    /// <param name="processId">Owner process.</param>
    /// <param name="clientId">Owner client name.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The lock status.</returns>
    public Task<LockStatus> LockAsync(
        uint fid, LockType lockType, LockFlags flags, ulong start, ulong length, uint processId, ReadOnlySpan<byte> clientId, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tlock(fid, lockType, flags, start, length, processId, clientId)), MessageType.Tlock, MessageType.Rlock, ReplyParsers.Lock, cancellationToken);

    /// <summary>Tgetlock: tests for a conflicting lock.</summary>
    /// <param name="fid">Open fid.</param>
    /// <param name="lockType">Lock that would be requested.</param>
    /// <param name="start">First byte.</param>
    /// <param name="length">Length; 0 means to end of file.</param>
    /// <param name="processId">Owner process.</param>
    /// <param name="clientId">Owner client name.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The conflicting lock, or type Unlock when none.</returns>
    public Task<LockInfo> GetlockAsync(
        uint fid, LockType lockType, ulong start, ulong length, uint processId, ReadOnlySpan<byte> clientId, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tgetlock(fid, lockType, start, length, processId, clientId)), MessageType.Tgetlock, MessageType.Rgetlock, ReplyParsers.Getlock, cancellationToken);

    private async Task<XattrWalkResult> XattrwalkCoreAsync(RentedBufferWriter frame, uint newFid, CancellationToken cancellationToken)
    {
        try
        {
            var size = await RequestAsync(frame, MessageType.Txattrwalk, MessageType.Rxattrwalk, ReplyParsers.XattrSize, cancellationToken).ConfigureAwait(false);
            return new XattrWalkResult(newFid, size);
        }
        catch (NinePException)
        {
            ReleaseFid(newFid);
            throw;
        }
    }
}
