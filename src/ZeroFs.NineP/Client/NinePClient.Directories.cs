using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Client;

/// <summary>Directory operations: create, link, rename, unlink, list.</summary>
public sealed partial class NinePClient
{
    /// <summary>Tmkdir: creates a directory.</summary>
    /// <param name="directoryFid">Parent directory.</param>
    /// <param name="name">New name.</param>
    /// <param name="mode">Permission bits.</param>
    /// <param name="gid">Group.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The new directory's qid.</returns>
    public Task<Qid> MkdirAsync(uint directoryFid, ReadOnlySpan<byte> name, uint mode, uint gid, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tmkdir(directoryFid, name, mode, gid)), MessageType.Tmkdir, MessageType.Rmkdir, ReplyParsers.Qid, cancellationToken);

    /// <summary>Tsymlink: creates a symbolic link.</summary>
    /// <param name="directoryFid">Parent directory.</param>
    /// <param name="name">Link name.</param>
    /// <param name="target">Link target.</param>
    /// <param name="gid">Group.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The link's qid.</returns>
    public Task<Qid> SymlinkAsync(uint directoryFid, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, uint gid, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tsymlink(directoryFid, name, target, gid)), MessageType.Tsymlink, MessageType.Rsymlink, ReplyParsers.Qid, cancellationToken);

    /// <summary>Tmknod: creates a device node, FIFO or socket.</summary>
    /// <param name="directoryFid">Parent directory.</param>
    /// <param name="name">Node name.</param>
    /// <param name="mode">File type and permission bits.</param>
    /// <param name="major">Device major.</param>
    /// <param name="minor">Device minor.</param>
    /// <param name="gid">Group.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The node's qid.</returns>
    public Task<Qid> MknodAsync(
        uint directoryFid, ReadOnlySpan<byte> name, uint mode, uint major, uint minor, uint gid, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tmknod(directoryFid, name, mode, major, minor, gid)), MessageType.Tmknod, MessageType.Rmknod, ReplyParsers.Qid, cancellationToken);

    /// <summary>Tlink: creates a hard link <paramref name="name"/> in <paramref name="directoryFid"/> to <paramref name="fid"/>.</summary>
    /// <param name="directoryFid">Directory of the new link.</param>
    /// <param name="fid">Existing file.</param>
    /// <param name="name">Link name.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Rlink.</returns>
    public Task LinkAsync(uint directoryFid, uint fid, ReadOnlySpan<byte> name, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tlink(directoryFid, fid, name)), MessageType.Tlink, MessageType.Rlink, cancellationToken);

    /// <summary>Trename: moves the file <paramref name="fid"/> into <paramref name="directoryFid"/> as <paramref name="name"/>.</summary>
    /// <param name="fid">File to move.</param>
    /// <param name="directoryFid">Target directory.</param>
    /// <param name="name">New name.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Rrename.</returns>
    public Task RenameAsync(uint fid, uint directoryFid, ReadOnlySpan<byte> name, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Trename(fid, directoryFid, name)), MessageType.Trename, MessageType.Rrename, cancellationToken);

    /// <summary>Trenameat: renames <paramref name="oldName"/> to <paramref name="newName"/> across directories.</summary>
    /// <param name="oldDirectoryFid">Source directory.</param>
    /// <param name="oldName">Source name.</param>
    /// <param name="newDirectoryFid">Target directory.</param>
    /// <param name="newName">Target name.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Rrenameat.</returns>
    public Task RenameatAsync(
        uint oldDirectoryFid, ReadOnlySpan<byte> oldName, uint newDirectoryFid, ReadOnlySpan<byte> newName, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Trenameat(oldDirectoryFid, oldName, newDirectoryFid, newName)), MessageType.Trenameat, MessageType.Rrenameat, cancellationToken);

    /// <summary>Tunlinkat: removes a name (a directory with <see cref="UnlinkatFlags.RemoveDirectory"/>).</summary>
    /// <param name="directoryFid">Parent directory.</param>
    /// <param name="name">Name to remove.</param>
    /// <param name="flags">None or RemoveDirectory.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Runlinkat.</returns>
    public Task UnlinkatAsync(uint directoryFid, ReadOnlySpan<byte> name, UnlinkatFlags flags = UnlinkatFlags.None, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tunlinkat(directoryFid, name, flags)), MessageType.Tunlinkat, MessageType.Runlinkat, cancellationToken);

    /// <summary>Treaddir: one batch of entries after cookie <paramref name="offset"/>; empty at the end.</summary>
    /// <param name="fid">Open directory.</param>
    /// <param name="offset">0 to start, else the <see cref="DirectoryEntryInfo.Offset"/> of the last entry seen.</param>
    /// <param name="count">Most bytes of entries; 0 means as many as fit in msize.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The entries.</returns>
    public Task<IReadOnlyList<DirectoryEntryInfo>> ReaddirAsync(uint fid, ulong offset, uint count = 0, CancellationToken cancellationToken = default)
    {
        var max = (uint)MaxIOSize;
        count = count == 0 || count > max ? max : count;
        return RequestAsync(Encode(new Treaddir(fid, offset, count)), MessageType.Treaddir, MessageType.Rreaddir, ReplyParsers.Readdir, cancellationToken);
    }
}
