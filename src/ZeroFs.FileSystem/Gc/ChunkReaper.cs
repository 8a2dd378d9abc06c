using ZeroFs.Engine;
using ZeroFs.FileSystem.Keys;

namespace ZeroFs.FileSystem.Gc;

/// <summary>
/// Deletes the chunks of large deleted files in the background, a batch at a time, then their
/// tombstones; it also pushes coalesced writes each round. The owner starts and stops it. It runs on
/// the writer only (a read-only filesystem has nothing to reap).
/// </summary>
public sealed class ChunkReaper : IAsyncDisposable
{
    private readonly PosixFileSystem _fs;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <summary>Creates a reaper for <paramref name="fileSystem"/>; call <see cref="Start"/> to run it.</summary>
    /// <param name="fileSystem">The filesystem whose tombstones to process.</param>
    /// <param name="time">The clock of the idle wait.</param>
    public ChunkReaper(PosixFileSystem fileSystem, TimeProvider time)
    {
        _fs = fileSystem ?? throw new ArgumentNullException(nameof(fileSystem));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _fs.TombstoneAdded += Wake;
    }

    /// <summary>Starts the background loop.</summary>
    public void Start()
    {
        if (_loop is not null || _fs.IsReadOnly)
        {
            return;
        }

        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
    }

    /// <summary>Stops the loop and waits for the round in progress.</summary>
    public async Task StopAsync()
    {
        if (_loop is null)
        {
            return;
        }

        await _stop!.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _loop = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _fs.TombstoneAdded -= Wake;
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>One round: deletes up to <see cref="FileSystemOptions.ReaperBatchChunks"/> chunks; returns how many (0 when idle).</summary>
    public async Task<int> ReapOnceAsync(CancellationToken cancellationToken = default)
    {
        if (_fs.IsReadOnly)
        {
            return 0;
        }

        var store = _fs.Store;
        var limit = _fs.Options.ReaperBatchChunks;
        var batch = new WriteBatch();
        var chunks = 0;
        var files = 0;
        var tombstones = new List<ulong>();
        using (var scan = store.Scan(KeyCodec.KindStart(KeyKind.Tombstone), KeyCodec.KindEnd(KeyKind.Tombstone)))
        {
            while (tombstones.Count < 64 && await scan.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                tombstones.Add(KeyCodec.ReadId(scan.Key));
            }
        }

        foreach (var id in tombstones)
        {
            var finished = true;
            using (var scan = store.Scan(KeyCodec.Id(KeyKind.Chunk, id), KeyCodec.IdEnd(KeyKind.Chunk, id)))
            {
                while (await scan.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (chunks >= limit)
                    {
                        finished = false;
                        break;
                    }

                    batch.Delete(scan.Key);
                    chunks++;
                }
            }

            if (!finished)
            {
                break;
            }

            batch.Delete(KeyCodec.Tombstone(id));
            files++;
        }

        if (batch.Count > 0)
        {
            await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            FileSystemMetrics.ChunksReaped.Add(chunks);
            FileSystemLog.Reaped(_fs.Logger, chunks, files);
        }

        return chunks + files;
    }

    /// <summary>Runs rounds until none is left.</summary>
    public async Task ReapAllAsync(CancellationToken cancellationToken = default)
    {
        while (await ReapOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    private void Wake() => _signal.Release();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var tick = TimeSpan.FromSeconds(1) < _fs.Options.ReaperIdleInterval ? TimeSpan.FromSeconds(1) : _fs.Options.ReaperIdleInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _fs.FlushPendingWritesAsync(cancellationToken).ConfigureAwait(false);
                await ReapAllAsync(cancellationToken).ConfigureAwait(false);
                using var timeout = new CancellationTokenSource(tick, _time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                await _signal.WaitAsync(Timeout.InfiniteTimeSpan, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The idle tick elapsed.
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                FileSystemLog.ReaperFailed(_fs.Logger, ex);
            }
        }

        FileSystemLog.ReaperStopped(_fs.Logger);
    }
}
