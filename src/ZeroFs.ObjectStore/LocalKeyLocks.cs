using System.IO.Hashing;
using System.Text;

namespace ZeroFs.ObjectStore;

/// <summary>
/// Serialises writers of one key across threads and processes: an in-process gate per stripe,
/// then an exclusive flock(2) on <c>root/.locks/&lt;stripe&gt;</c>. Keys hash onto a fixed number
/// of stripes so the lock directory stays small however many keys the store holds; two keys that
/// share a stripe merely wait for each other. Lock files are never deleted (deleting one would
/// let two processes lock different inodes under the same name).
/// </summary>
internal sealed class LocalKeyLocks
{
    private const int StripeCount = 1024;
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromMilliseconds(20);

    private readonly string _directory;
    private readonly SemaphoreSlim[] _gates = new SemaphoreSlim[StripeCount];

    public LocalKeyLocks(string directory)
    {
        _directory = directory;
        for (var i = 0; i < _gates.Length; i++)
        {
            _gates[i] = new SemaphoreSlim(1, 1);
        }
    }

    public async Task<Holder> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key)) % StripeCount);
        var gate = _gates[stripe];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var fd = -1;
        try
        {
            var path = Path.Combine(_directory, stripe.ToString("x3", System.Globalization.CultureInfo.InvariantCulture));
            fd = LocalDirectoryNative.OpenLockFile(path);
            var delay = TimeSpan.FromMilliseconds(1);
            while (!LocalDirectoryNative.TryLockExclusive(fd, path))
            {
                // Another process holds the stripe; it is held only for a put's few syscalls.
                await Task.Delay(delay, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
            }

            var holder = new Holder(gate, fd);
            fd = -1;
            return holder;
        }
        catch
        {
            if (fd >= 0)
            {
                LocalDirectoryNative.Close(fd);
            }

            gate.Release();
            throw;
        }
    }

    /// <summary>A held lock; dispose to release it.</summary>
    internal sealed class Holder(SemaphoreSlim gate, int fd) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                LocalDirectoryNative.Close(fd);
                gate.Release();
            }
        }
    }
}
