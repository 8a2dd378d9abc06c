using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ZeroFs.ObjectStore;

/// <summary>
/// The part files of a <see cref="RangeDiskCacheObjectStore"/>: <c>root/&lt;store id&gt;/&lt;object
/// key&gt;/p&lt;part size&gt;-&lt;index&gt;</c>, written to a temp file and renamed into place, kept
/// within a byte budget by approximate LRU. Access order lives in memory (a logical clock); at
/// start it is rebuilt from a directory scan using the files' write times, so the cache survives
/// restarts. Every IO failure is reported as "not cached", never as an error.
/// </summary>
internal sealed class DiskPartStore
{
    private const string TempPrefix = ".tmp-";
    private readonly string _root;
    private readonly int _partSize;
    private readonly long _budget;
    private readonly ILogger _logger;
    private readonly string _partPrefix;
    private readonly ConcurrentDictionary<string, PartEntry> _parts = new(StringComparer.Ordinal);
    private readonly Lock _evictLock = new();
    private long _bytes;
    private long _clock;

    /// <summary>Opens (creating if needed) the cache directory and indexes what is there.</summary>
    internal DiskPartStore(string root, int partSize, long budget, ILogger logger)
    {
        _root = Path.GetFullPath(root);
        _partSize = partSize;
        _budget = budget;
        _logger = logger;
        _partPrefix = string.Create(CultureInfo.InvariantCulture, $"p{partSize}-");
        Directory.CreateDirectory(_root);
        Scan();
        DiskCacheLog.Scanned(logger, _root, _parts.Count, Bytes, budget);
        EvictIfNeeded();
    }

    /// <summary>Bytes of part files on disk (as indexed).</summary>
    internal long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Part files indexed.</summary>
    internal int Count => _parts.Count;

    /// <summary>The path of part <paramref name="index"/> of <paramref name="key"/>.</summary>
    internal string PathOf(string key, long index) =>
        Path.Combine(_root, key, string.Create(CultureInfo.InvariantCulture, $"{_partPrefix}{index}"));

    /// <summary>A path for a file staging an upload's bytes (a temp file: a restart's scan deletes leftovers).</summary>
    internal string NewStagingPath() => Path.Combine(_root, TempPrefix + "upload-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Reads and verifies a part. On success the caller owns <paramref name="file"/> (pooled) and
    /// its payload is at [<paramref name="payloadOffset"/>, + <paramref name="payloadLength"/>).
    /// A damaged part is deleted and reported as missing.
    /// </summary>
    internal bool TryRead(string path, string key, out byte[] file, out ObjectMeta meta, out int payloadOffset, out int payloadLength)
    {
        file = [];
        meta = null!;
        payloadOffset = payloadLength = 0;
        if (!_parts.TryGetValue(path, out var entry))
        {
            return false;
        }

        byte[]? buffer = null;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length > int.MaxValue)
            {
                return Corrupt(path, null);
            }

            buffer = ArrayPool<byte>.Shared.Rent((int)length);
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read != length || !DiskPartCodec.TryDecode(buffer.AsSpan(0, read), key, out meta, out payloadOffset, out payloadLength))
            {
                return Corrupt(path, buffer);
            }

            entry.LastAccess = Interlocked.Increment(ref _clock);
            file = buffer;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                DiskCacheLog.ReadFailed(_logger, path, ex);
            }

            Forget(path);
            return false;
        }
    }

    /// <summary>Writes a part (temp file + rename); failures are logged and swallowed.</summary>
    internal void Write(string path, ObjectMeta meta, ReadOnlySpan<byte> payload)
    {
        var file = DiskPartCodec.Encode(meta, payload, out var length);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(file, 0, length);
            }

            File.Move(temp, path, overwrite: true);
            var entry = new PartEntry(length, Interlocked.Increment(ref _clock));
            long delta = length;
            _parts.AddOrUpdate(path, entry, (_, previous) =>
            {
                delta = length - previous.Bytes;
                return entry;
            });
            Interlocked.Add(ref _bytes, delta);
            ObjectStoreMetrics.DiskCacheBytes.Add(delta);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DiskCacheLog.WriteFailed(_logger, path, ex);
            TryDelete(temp);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(file);
        }

        EvictIfNeeded();
    }

    /// <summary>Deletes every part of <paramref name="key"/>.</summary>
    internal void DeleteObject(string key)
    {
        var directory = Path.Combine(_root, key) + Path.DirectorySeparatorChar;
        foreach (var path in _parts.Keys)
        {
            if (path.StartsWith(directory, StringComparison.Ordinal) && path.IndexOf(Path.DirectorySeparatorChar, directory.Length) < 0)
            {
                Forget(path);
                TryDelete(path);
            }
        }

        try
        {
            Directory.Delete(directory, recursive: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not empty (another object's directory below it) or already gone: fine either way.
        }
    }

    /// <summary>Deletes a part that failed its checksum.</summary>
    internal void Evict(string path)
    {
        Forget(path);
        TryDelete(path);
    }

    private bool Corrupt(string path, byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        DiskCacheLog.CorruptPart(_logger, path);
        ObjectStoreMetrics.DiskCacheCorrupt.Add(1);
        Evict(path);
        return false;
    }

    // Approximate LRU: when over budget, one thread sorts the index by last access and deletes
    // the oldest parts down to 90 % of the budget (the slack keeps eviction off the common path).
    private void EvictIfNeeded()
    {
        if (Bytes <= _budget || !_evictLock.TryEnter())
        {
            return;
        }

        try
        {
            var target = _budget / 10 * 9;
            var victims = _parts.ToArray();
            Array.Sort(victims, static (a, b) => a.Value.LastAccess.CompareTo(b.Value.LastAccess));
            var evicted = 0;
            long freed = 0;
            foreach (var (path, entry) in victims)
            {
                if (Bytes <= target)
                {
                    break;
                }

                if (Forget(path))
                {
                    TryDelete(path);
                    evicted++;
                    freed += entry.Bytes;
                }
            }

            ObjectStoreMetrics.DiskCacheEvictions.Add(evicted);
            DiskCacheLog.Evicted(_logger, evicted, freed);
        }
        finally
        {
            _evictLock.Exit();
        }
    }

    private bool Forget(string path)
    {
        if (_parts.TryRemove(path, out var entry))
        {
            Interlocked.Add(ref _bytes, -entry.Bytes);
            ObjectStoreMetrics.DiskCacheBytes.Add(-entry.Bytes);
            return true;
        }

        return false;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DiskCacheLog.DeleteFailed(_logger, path, ex);
        }
    }

    private void Scan()
    {
        long newest = 0;
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true }))
        {
            if (!file.Name.StartsWith(_partPrefix, StringComparison.Ordinal) ||
                !long.TryParse(file.Name.AsSpan(_partPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                // Temp files of a crashed write, or parts of another part size: not ours any more.
                TryDelete(file.FullName);
                continue;
            }

            var stamp = file.LastWriteTimeUtc.Ticks;
            newest = Math.Max(newest, stamp);
            _parts[file.FullName] = new PartEntry(file.Length, stamp);
            _bytes += file.Length;
        }

        ObjectStoreMetrics.DiskCacheBytes.Add(_bytes);
        _clock = newest;
    }

    private sealed class PartEntry(long bytes, long lastAccess)
    {
        internal long Bytes { get; } = bytes;

        internal long LastAccess = lastAccess;
    }
}
