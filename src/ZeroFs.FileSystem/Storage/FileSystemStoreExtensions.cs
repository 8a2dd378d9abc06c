using System.Buffers;
using ZeroFs.Engine;

namespace ZeroFs.FileSystem.Storage;

/// <summary>Cold-path helpers over <see cref="IFileSystemStore"/>.</summary>
internal static class FileSystemStoreExtensions
{
    public static async Task<byte[]?> GetValueAsync(this IFileSystemStore store, ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var found = await store.GetAsync(key, buffer, cancellationToken).ConfigureAwait(false);
        return found.Status == LookupStatus.Found ? buffer.WrittenSpan.ToArray() : null;
    }
}
