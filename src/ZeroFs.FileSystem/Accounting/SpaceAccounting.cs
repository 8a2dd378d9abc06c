using System.Buffers;
using System.Buffers.Binary;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Storage;

namespace ZeroFs.FileSystem.Accounting;

/// <summary>
/// Used bytes and inodes in <see cref="KeyCodec.StatsShards"/> shards (shard = inode id mod shards).
/// A change writes the shard's new absolute value into the same batch as the change it accounts
/// for, holding the shard's lock until the batch is in the engine, so batches of one shard reach
/// the engine in the order of their values and a crash never leaves counters out of step.
/// Shard value, version 1: <c>ver u8, used_bytes i64 LE, used_inodes i64 LE</c>.
/// </summary>
internal sealed class SpaceAccounting
{
    private readonly long[] _bytes = new long[KeyCodec.StatsShards];
    private readonly long[] _inodes = new long[KeyCodec.StatsShards];
    private readonly SemaphoreSlim[] _locks = new SemaphoreSlim[KeyCodec.StatsShards];
    private long _reserved;

    public SpaceAccounting()
    {
        for (var i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>Persisted used bytes plus growth held by coalesced writes not yet in the engine.</summary>
    public long UsedBytes
    {
        get
        {
            long total = Interlocked.Read(ref _reserved);
            for (var i = 0; i < _bytes.Length; i++)
            {
                total += Volatile.Read(ref _bytes[i]);
            }

            return total;
        }
    }

    public long UsedInodes
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _inodes.Length; i++)
            {
                total += Volatile.Read(ref _inodes[i]);
            }

            return total;
        }
    }

    public void Reserve(long bytes) => Interlocked.Add(ref _reserved, bytes);

    public async Task LoadAsync(IFileSystemStore store, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        for (var shard = 0; shard < KeyCodec.StatsShards; shard++)
        {
            buffer.ResetWrittenCount();
            var found = await store.GetAsync(KeyCodec.Stats(shard), buffer, cancellationToken).ConfigureAwait(false);
            if (found.Status == LookupStatus.Found)
            {
                var span = buffer.WrittenSpan;
                if (span.Length != 17 || span[0] != 1)
                {
                    throw new InvalidDataException($"Stats shard {shard}: unknown record.");
                }

                _bytes[shard] = BinaryPrimitives.ReadInt64LittleEndian(span[1..]);
                _inodes[shard] = BinaryPrimitives.ReadInt64LittleEndian(span[9..]);
            }
        }
    }

    /// <summary>Writes <paramref name="batch"/> with the shard of <paramref name="inode"/> moved by the deltas; returns the seq.</summary>
    public async ValueTask<long> CommitAsync(IFileSystemStore store, WriteBatch batch, ulong inode, long bytes, long inodes, CancellationToken cancellationToken)
    {
        if (bytes == 0 && inodes == 0)
        {
            return await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        var shard = (int)(inode % KeyCodec.StatsShards);
        await _locks[shard].WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var newBytes = _bytes[shard] + bytes;
            var newInodes = _inodes[shard] + inodes;
            batch.Put(KeyCodec.Stats(shard), Encode(newBytes, newInodes));
            var seq = await store.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _bytes[shard], newBytes);
            Volatile.Write(ref _inodes[shard], newInodes);
            return seq;
        }
        finally
        {
            _locks[shard].Release();
        }
    }

    internal static byte[] Encode(long bytes, long inodes)
    {
        var value = new byte[17];
        value[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(1), bytes);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(9), inodes);
        return value;
    }
}
