namespace ZeroFs.Engine.Memory;

/// <summary>
/// A thread-safe count of bytes held by one kind of buffer, with its peak (read by the memory
/// accountant); <c>onRelease</c> runs after every decrease, so writers waiting for memory re-check.
/// </summary>
internal sealed class ByteCounter(Action? onRelease = null)
{
    private long _bytes;
    private long _peak;

    /// <summary>Bytes held now.</summary>
    internal long Bytes => Volatile.Read(ref _bytes);

    /// <summary>The most ever held at once.</summary>
    internal long Peak => Volatile.Read(ref _peak);

    /// <summary>Adds <paramref name="delta"/> (negative to release).</summary>
    internal void Add(long delta)
    {
        var now = Interlocked.Add(ref _bytes, delta);
        if (delta < 0)
        {
            onRelease?.Invoke();
            return;
        }

        long peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }
}
