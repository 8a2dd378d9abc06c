using Microsoft.Extensions.Logging;
using ZeroFs.Crypto;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Cache;

/// <summary>
/// Open table readers (ENGINE.md §10 "separate budget for index/filter/properties"), one per table,
/// all reading through one shared <see cref="BlockCache"/>. Opening is single-flight (concurrent
/// opens of a table do one ranged GET of its meta region). Readers are charged by their decoded
/// metadata against <see cref="EngineOptions.MetadataCacheBytes"/> and evicted least recently
/// used; the read state (<see cref="DbState"/>) holds the readers of the tables it reads, so those
/// stay usable while the cache forgets older ones.
/// </summary>
internal sealed class TableCache : IDisposable
{
    private readonly IObjectStore _store;
    private readonly BlockSealer _sealer;
    private readonly ILogger _logger;
    private readonly long _budget;
    private readonly int _readAheadBytes;
    private readonly Lock _lock = new();
    private readonly Dictionary<Ulid, LinkedListNode<Slot>> _slots = [];
    private readonly LinkedList<Slot> _recency = new();
    private long _bytes;

    /// <summary>Creates the caches <paramref name="options"/> asks for, over <paramref name="store"/>.</summary>
    internal TableCache(IObjectStore store, BlockSealer sealer, EngineOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _sealer = sealer;
        _logger = logger;
        _budget = options.MetadataCacheBytes;
        _readAheadBytes = options.ReadAheadBytes;
        Blocks = options.BlockCacheBytes > 0 ? new BlockCache(options.BlockCacheBytes) : null;
        CacheLog.Created(logger, options.BlockCacheBytes, options.MetadataCacheBytes, options.ReadAheadBytes);
    }

    /// <summary>The block cache shared by every reader, or null when disabled.</summary>
    internal BlockCache? Blocks { get; }

    /// <summary>Metadata bytes of the readers held now.</summary>
    internal long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Readers held now (open or opening).</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>The reader of <paramref name="table"/>, opening it (one GET) unless held.</summary>
    internal Task<SstReader> GetOrOpenAsync(TableRef table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        Slot slot;
        lock (_lock)
        {
            if (_slots.TryGetValue(table.Id, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                CacheMetrics.TableHits.Add(1);
                return node.Value.Reader.WaitAsync(cancellationToken);
            }

            // OpenAsync yields before any work, so starting it under the lock is cheap, and a
            // concurrent caller never sees the slot without its task.
            slot = new Slot(table.Id);
            slot.Reader = OpenAsync(slot, table);
            _slots[table.Id] = _recency.AddFirst(slot);
        }

        CacheMetrics.TableMisses.Add(1);
        return slot.Reader.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets table <paramref name="tableId"/> and drops its cached blocks (it was deleted or compacted away).</summary>
    internal void Remove(Ulid tableId)
    {
        lock (_lock)
        {
            if (_slots.Remove(tableId, out var node))
            {
                _recency.Remove(node);
                _bytes -= node.Value.Weight;
                CacheMetrics.TableBytes.Add(-node.Value.Weight);
            }
        }

        Blocks?.RemoveTable(tableId);
    }

    /// <summary>Forgets every reader and releases the cached blocks.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _slots.Clear();
            _recency.Clear();
            CacheMetrics.TableBytes.Add(-_bytes);
            _bytes = 0;
        }

        Blocks?.Dispose();
    }

    // Opened without the caller's token: other callers may be waiting for the same reader.
    private async Task<SstReader> OpenAsync(Slot slot, TableRef table)
    {
        await Task.Yield();
        SstReader reader;
        try
        {
            reader = await SstReader.OpenAsync(_store, _sealer, table, Blocks, _readAheadBytes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            CacheLog.TableOpenFailed(_logger, table.Id, ex);
            lock (_lock)
            {
                if (_slots.TryGetValue(table.Id, out var node) && ReferenceEquals(node.Value, slot))
                {
                    _slots.Remove(table.Id);
                    _recency.Remove(node);
                }
            }

            throw;
        }

        var weight = reader.MetadataBytes;
        lock (_lock)
        {
            if (!_slots.TryGetValue(table.Id, out var node) || !ReferenceEquals(node.Value, slot))
            {
                return reader; // removed while opening: hand it out, hold nothing
            }

            slot.Weight = weight;
            _bytes += weight;
            CacheMetrics.TableBytes.Add(weight);
            EvictOverBudget(node);
        }

        return reader;
    }

    // Least recently used first; never the reader just opened, never one still opening.
    private void EvictOverBudget(LinkedListNode<Slot> keep)
    {
        var node = _recency.Last;
        while (_bytes > _budget && node is not null)
        {
            var previous = node.Previous;
            if (!ReferenceEquals(node, keep) && node.Value.Weight > 0)
            {
                _recency.Remove(node);
                _slots.Remove(node.Value.TableId);
                _bytes -= node.Value.Weight;
                CacheMetrics.TableBytes.Add(-node.Value.Weight);
                CacheMetrics.TableEvictions.Add(1);
                CacheLog.TableEvicted(_logger, node.Value.TableId, node.Value.Weight);
            }

            node = previous;
        }
    }

    private sealed class Slot(Ulid tableId)
    {
        internal Ulid TableId { get; } = tableId;

        internal Task<SstReader> Reader { get; set; } = null!;

        internal long Weight { get; set; }
    }
}
