using System.Globalization;
using ZeroFs.Engine;

namespace ZeroFs.Workloads;

/// <summary>Samples a writer's accounted memory and the GC heap every 20 ms and keeps the peaks.</summary>
internal sealed class MemorySampler
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _gen2Start;

    public long PeakTotal { get; private set; }

    public EngineMemoryUsage AtPeak { get; private set; }

    public EngineMemoryUsage PartPeaks { get; private set; }

    public long PeakHeap { get; private set; }

    public long PeakCommitted { get; private set; }

    public string Generations { get; private set; } = "";

    public int Gen2Collections => GC.CollectionCount(2) - _gen2Start;

    public void Start(Db db)
    {
        _gen2Start = GC.CollectionCount(2);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample(db);
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            Sample(db);
        });
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public string PeakParts()
    {
        var p = PartPeaks;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"part peaks MB: memtables {p.Memtables / 1e6:F0}, wal {p.WalBuffers / 1e6:F0}, segments {p.TableSegments / 1e6:F0}, compaction reads {p.CompactionReads / 1e6:F0}, blocks {p.BlockCache / 1e6:F0}, metadata {p.TableMetadata / 1e6:F0}");
    }

    private void Sample(Db db)
    {
        var usage = db.MemoryUsage;
        if (usage.Total > PeakTotal)
        {
            PeakTotal = usage.Total;
            AtPeak = usage;
        }

        var p = PartPeaks;
        PartPeaks = new EngineMemoryUsage(
            Math.Max(p.Memtables, usage.Memtables),
            Math.Max(p.WalBuffers, usage.WalBuffers),
            Math.Max(p.TableSegments, usage.TableSegments),
            Math.Max(p.CompactionReads, usage.CompactionReads),
            Math.Max(p.BlockCache, usage.BlockCache),
            Math.Max(p.TableMetadata, usage.TableMetadata),
            usage.Budget);
        var heap = GC.GetTotalMemory(false);
        if (heap > PeakHeap)
        {
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            var gens = info.GenerationInfo;
            var parts = new List<string>();
            for (var i = 0; i < gens.Length; i++)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"g{i} {gens[i].SizeAfterBytes / 1e6:F0}/{gens[i].FragmentationAfterBytes / 1e6:F0}"));
            }

            Generations = $"last GC (gen{info.Generation}) size/fragmentation MB: " + string.Join(", ", parts);
        }

        PeakHeap = Math.Max(PeakHeap, heap);
        PeakCommitted = Math.Max(PeakCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
    }
}
