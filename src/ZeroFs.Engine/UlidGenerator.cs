namespace ZeroFs.Engine;

/// <summary>
/// Mints ULIDs from an injected clock and random source (STYLE.md §4.11), so a seeded simulation
/// produces the same names. Monotonic: within one millisecond (or if the clock steps back) the
/// previous ULID's random part is incremented, so every ULID from one generator is larger than
/// the one before. Thread-safe.
/// </summary>
public sealed class UlidGenerator
{
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private Ulid _last;

    /// <summary>Creates a generator; pass a seeded <see cref="Random"/> for deterministic runs.</summary>
    public UlidGenerator(TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        _time = time;
        _random = random;
    }

    /// <summary>The next ULID.</summary>
    public Ulid Next()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            Ulid next;
            if (now <= _last.TimestampMs && _last != default)
            {
                if (!_last.TryIncrementRandom(out next))
                {
                    // 2^80 ULIDs in one millisecond: borrow the next millisecond.
                    next = Fresh(_last.TimestampMs + 1);
                }
            }
            else
            {
                next = Fresh(now);
            }

            _last = next;
            return next;
        }
    }

    private Ulid Fresh(long timestampMs)
    {
        Span<byte> random = stackalloc byte[10];
        _random.NextBytes(random);
        var high = (ushort)((random[0] << 8) | random[1]);
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(random[2..]);
        return Ulid.Create(timestampMs, high, low);
    }
}
