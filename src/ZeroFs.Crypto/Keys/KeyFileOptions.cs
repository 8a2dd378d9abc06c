namespace ZeroFs.Crypto.Keys;

/// <summary>
/// Argon2id parameters for wrapping the data key under a password (RFC 9106). They apply when a key
/// file is written (first start, password change); reading always uses the parameters recorded in
/// the file, so changing these never locks anyone out.
/// </summary>
/// <remarks>
/// The defaults are libsodium's <c>crypto_pwhash_*_MODERATE</c> (256 MiB, 3 passes), which took about
/// 0.34 s per unlock on the 2-core reference machine: slow for a password-guessing attacker, still
/// unnoticeable at startup. Parallelism is 1 because libsodium's Argon2id (used through NSec)
/// supports only one lane.
/// </remarks>
public sealed record KeyFileOptions
{
    /// <summary>Smallest memory cost accepted, in KiB (libsodium's minimum).</summary>
    public const int MinMemoryKiB = 8;

    /// <summary>Largest memory cost accepted, in KiB (4 GiB).</summary>
    public const int MaxMemoryKiB = 4 * 1024 * 1024;

    /// <summary>Largest number of passes accepted (bounds what a doctored key file can cost to open).</summary>
    public const int MaxPasses = 100;

    /// <summary>The recommended parameters.</summary>
    public static KeyFileOptions Default { get; } = new();

    /// <summary>Argon2id memory cost in KiB (default 262144 = 256 MiB).</summary>
    public int MemoryKiB { get; init; } = 256 * 1024;

    /// <summary>Argon2id passes over the memory (time cost; default 3).</summary>
    public int Passes { get; init; } = 3;

    /// <summary>Argon2id lanes; must be 1 (libsodium supports only one).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Throws when a parameter is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public void Validate()
    {
        if (MemoryKiB is < MinMemoryKiB or > MaxMemoryKiB)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MemoryKiB), MemoryKiB, $"Argon2id memory must be {MinMemoryKiB}..{MaxMemoryKiB} KiB");
        }

        if (Passes is < 1 or > MaxPasses)
        {
            throw new ArgumentOutOfRangeException(nameof(Passes), Passes, $"Argon2id passes must be 1..{MaxPasses}");
        }

        if (Parallelism != 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Parallelism), Parallelism, "Argon2id parallelism must be 1 (libsodium supports one lane only)");
        }
    }
}
