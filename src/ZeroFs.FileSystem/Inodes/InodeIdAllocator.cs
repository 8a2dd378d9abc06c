using System.Buffers.Binary;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Storage;

namespace ZeroFs.FileSystem.Inodes;

/// <summary>
/// Hands out inode ids that are never reused. The persisted value is a watermark: every id handed
/// out is below it. The watermark is raised by a block in its own batch before ids of the new
/// block are used, so a crash can skip ids but never hand one out twice (any batch using an id
/// follows the watermark batch in the engine's order).
/// </summary>
internal sealed class InodeIdAllocator
{
    /// <summary>The root directory's fixed id.</summary>
    public const ulong RootId = 1;

    private const ulong BlockSize = 4096;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong _next = RootId + 1;
    private ulong _watermark = RootId + 1;

    public ulong Watermark => Volatile.Read(ref _watermark);

    public async Task LoadAsync(IFileSystemStore store, CancellationToken cancellationToken)
    {
        var value = await GetU64Async(store, KeyCodec.NextInodeKey, cancellationToken).ConfigureAwait(false);
        if (value is { } watermark)
        {
            _next = watermark;
            _watermark = watermark;
        }
    }

    public async ValueTask<ulong> AllocateAsync(IFileSystemStore store, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_next >= _watermark)
            {
                var raised = _next + BlockSize;
                var value = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(value, raised);
                await store.WriteAsync(new WriteBatch().Put(KeyCodec.NextInodeKey, value), CancellationToken.None).ConfigureAwait(false);
                Volatile.Write(ref _watermark, raised);
            }

            return _next++;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static async Task<ulong?> GetU64Async(IFileSystemStore store, byte[] key, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(8);
        var found = await store.GetAsync(key, buffer, cancellationToken).ConfigureAwait(false);
        return found.Status == LookupStatus.Found && buffer.WrittenCount == 8
            ? BinaryPrimitives.ReadUInt64LittleEndian(buffer.WrittenSpan)
            : null;
    }
}
