using System.Buffers;
using System.Buffers.Binary;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Directories;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;

namespace ZeroFs.FileSystem;

/// <summary>Record access shared by the operations.</summary>
public sealed partial class PosixFileSystem
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    private static ArrayBufferWriter<byte> RentBuffer()
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(256);
        _threadBuffer = null;
        buffer.ResetWrittenCount();
        return buffer;
    }

    private static void ReturnBuffer(ArrayBufferWriter<byte> buffer) => _threadBuffer = buffer;

    /// <summary>The persisted inode, or null when it does not exist.</summary>
    internal async ValueTask<InodeRecord?> LoadInodeAsync(ulong id, CancellationToken cancellationToken)
    {
        var buffer = RentBuffer();
        try
        {
            var found = await _store.GetAsync(KeyCodec.Inode(id), buffer, cancellationToken).ConfigureAwait(false);
            return found.Status == LookupStatus.Found ? InodeRecord.Decode(id, buffer.WrittenSpan) : null;
        }
        finally
        {
            ReturnBuffer(buffer);
        }
    }

    /// <summary>NotFound for an id never handed out, Stale for a deleted one.</summary>
    internal FsStatus MissingInodeStatus(ulong id) => id < _ids.Watermark && id != 0 ? FsStatus.Stale : FsStatus.NotFound;

    internal async ValueTask<DirEntryValue?> GetEntryAsync(ulong dir, ReadOnlyMemory<byte> name, CancellationToken cancellationToken)
    {
        var buffer = RentBuffer();
        try
        {
            var found = await _store.GetAsync(KeyCodec.DirEntry(dir, name.Span), buffer, cancellationToken).ConfigureAwait(false);
            return found.Status == LookupStatus.Found ? DirEntryValue.Decode(buffer.WrittenSpan) : null;
        }
        finally
        {
            ReturnBuffer(buffer);
        }
    }

    /// <summary>Takes the next cookie of <paramref name="dir"/> (caller holds the directory's lock) and adds the counter update to the batch.</summary>
    private async ValueTask<ulong> TakeCookieAsync(ulong dir, WriteBatch batch, CancellationToken cancellationToken)
    {
        var current = await InodeIdAllocator.GetU64Async(_store, KeyCodec.DirCookie(dir), cancellationToken).ConfigureAwait(false) ?? 3;
        var next = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(next, current + 1);
        batch.Put(KeyCodec.DirCookie(dir), next);
        return current;
    }

    private static void PutEntry(WriteBatch batch, ulong dir, ReadOnlySpan<byte> name, ulong child, ulong cookie, FileType type)
    {
        batch.Put(KeyCodec.DirEntry(dir, name), new DirEntryValue(child, cookie, type).Encode());
        batch.Put(KeyCodec.DirScan(dir, cookie), DirEntryValue.EncodeScan(child, type, name));
    }

    private static void DeleteEntry(WriteBatch batch, ulong dir, ReadOnlySpan<byte> name, ulong cookie)
    {
        batch.Delete(KeyCodec.DirEntry(dir, name));
        batch.Delete(KeyCodec.DirScan(dir, cookie));
    }

    private static void PutInode(WriteBatch batch, InodeRecord inode) => batch.Put(KeyCodec.Inode(inode.Id), inode.Encode());

    /// <summary>Loads a directory for a mutation: NotFound/Stale when gone, NotDirectory when not a directory.</summary>
    private async ValueTask<(FsStatus Status, InodeRecord? Dir)> LoadDirectoryAsync(ulong id, CancellationToken cancellationToken)
    {
        var dir = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (dir is null)
        {
            return (MissingInodeStatus(id), null);
        }

        if (!dir.IsDirectory)
        {
            return (FsStatus.NotDirectory, null);
        }

        return dir.Nlink == 0 ? (FsStatus.NotFound, null) : (FsStatus.Ok, dir);
    }
}
