namespace ZeroFs.Engine.Checkpoints;

/// <summary>
/// Mints checkpoint ids (version-4 GUIDs) from an injected, seedable random source, so seeded
/// runs are reproducible. Thread-safe.
/// </summary>
internal sealed class CheckpointIdGenerator(Random random)
{
    private readonly Lock _lock = new();

    /// <summary>A new id.</summary>
    internal Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_lock)
        {
            random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
