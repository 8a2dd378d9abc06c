namespace ZeroFs.Crypto;

/// <summary>
/// Seals and unseals blocks (ENGINE.md §4): compress, then encrypt with XChaCha20-Poly1305 under a
/// per-domain subkey, with the caller's AAD naming the block's place, then a CRC32C over the sealed
/// bytes. Thread-safe; allocation-free on the hot path.
/// PLACEHOLDER SIGNATURES: the implementation is being written; keep these signatures.
/// </summary>
public sealed class BlockSealer : IDisposable
{
    /// <summary>Creates a sealer for one key domain.</summary>
    public BlockSealer(DataKey dataKey, KeyDomain domain, CompressionOptions compression)
    {
        throw new NotImplementedException();
    }

    /// <summary>Upper bound of the sealed size of a <paramref name="plaintextLength"/>-byte block.</summary>
    public static int MaxSealedLength(int plaintextLength) => throw new NotImplementedException();

    /// <summary>Plaintext length recorded in a sealed block's header (validates the header).</summary>
    public static int GetPlaintextLength(ReadOnlySpan<byte> sealedBlock) => throw new NotImplementedException();

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="destination"/>; returns bytes written.</summary>
    public int Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, Span<byte> destination) => throw new NotImplementedException();

    /// <summary>Unseals into <paramref name="destination"/>; returns plaintext bytes written.</summary>
    public int Unseal(ReadOnlySpan<byte> sealedBlock, ReadOnlySpan<byte> aad, Span<byte> destination) => throw new NotImplementedException();

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
