using System.Globalization;
using System.Text;
using ZeroFs.Engine.Manifest;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Gc;

/// <summary>The monotone floor file (ENGINE.md §3, §9 GC step 5; bug #1).</summary>
internal sealed partial class GarbageCollector
{
    // Raises gc/manifest.floor to at least `target` with an If-Match loop (CreateOnly when the file
    // does not exist yet); never lowers it. Returns the floor now stored.
    private async Task<ulong> AdvanceFloorAsync(ulong target, CancellationToken cancellationToken)
    {
        while (true)
        {
            ulong current = 0;
            string? etag = null;
            using (var existing = await main.GetAsync(ManifestStore.FloorKey, null, cancellationToken).ConfigureAwait(false))
            {
                if (existing is not null)
                {
                    var text = Encoding.ASCII.GetString(existing.Data.Span).Trim();
                    if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out current))
                    {
                        throw new CorruptionException($"{ManifestStore.FloorKey} does not hold a number");
                    }

                    etag = existing.Meta.ETag;
                }
            }

            if (current >= target)
            {
                return current;
            }

            var body = Encoding.ASCII.GetBytes(target.ToString(CultureInfo.InvariantCulture));
            var condition = etag is null ? PutCondition.CreateOnly : PutCondition.IfMatch(etag);
            var put = await main.PutAsync(ManifestStore.FloorKey, body, condition, null, cancellationToken).ConfigureAwait(false);
            if (put.IsOk)
            {
                EngineLog.GcFloorAdvanced(logger, ManifestStore.FloorKey, target);
                return target;
            }
        }
    }
}
