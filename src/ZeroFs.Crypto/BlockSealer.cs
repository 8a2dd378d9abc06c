using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using NSec.Cryptography;
using ZeroFs.ObjectStore;

namespace ZeroFs.Crypto;

/// <summary>
/// Seals and unseals blocks (ENGINE.md §4, docs/formats/sealed-block.md): compress, then encrypt
/// with XChaCha20-Poly1305 under a per-domain subkey, with the caller's AAD naming the block's
/// place, then a CRC32C over the sealed bytes. Thread-safe: one instance serves every thread.
/// <see cref="Seal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> and
/// <see cref="Unseal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> allocate nothing once a
/// thread has warmed up (compression scratch from <see cref="ArrayPool{T}.Shared"/>, per-thread zstd
/// contexts, small AAD on the stack).
/// </summary>
/// <remarks>
/// Unseal failures are told apart, in this order: <see cref="BlockCorruptException"/> (CRC32C,
/// length, version or codec wrong: storage or cache damage), <see cref="WrongKeyException"/> (intact
/// but sealed under another data key), <see cref="BlockAuthenticationException"/> (intact, our key,
/// but not valid at this place: moved, replayed or tampered).
/// </remarks>
public sealed class BlockSealer : IDisposable
{
    /// <summary>Associated data up to this size is assembled on the stack (STYLE.md §4.6).</summary>
    private const int StackAssociatedDataLimit = 256;

    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    private readonly Key _key;
    private readonly uint _keyId;
    private readonly CompressionCodec _codec;
    private readonly int _zstdLevel;
    private readonly NonceSource? _nonceSource;

    /// <summary>Creates a sealer for one key domain.</summary>
    /// <param name="dataKey">The data key; the sealer derives and keeps its own subkey, so the caller may dispose the data key afterwards.</param>
    /// <param name="domain">Which subkey to derive; a block only unseals under the domain it was sealed in.</param>
    /// <param name="compression">How new blocks are compressed (reading follows each block's header).</param>
    public BlockSealer(DataKey dataKey, KeyDomain domain, CompressionOptions compression)
        : this(dataKey, domain, compression, nonceSource: null)
    {
    }

    /// <summary>Test seam: <paramref name="nonceSource"/> replaces the CSPRNG (golden-byte tests only).</summary>
    internal BlockSealer(DataKey dataKey, KeyDomain domain, CompressionOptions compression, NonceSource? nonceSource)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        ArgumentNullException.ThrowIfNull(compression);
        compression.Validate();
        if (!Enum.IsDefined(domain))
        {
            throw new ArgumentOutOfRangeException(nameof(domain), domain, "unknown key domain");
        }

        _key = KeyDerivation.DeriveBlockKey(dataKey.Bytes, domain);
        _keyId = dataKey.KeyId;
        _codec = compression.Codec;
        _zstdLevel = compression.ZstdLevel;
        _nonceSource = nonceSource;
        Domain = domain;
        Compression = compression;
    }

    /// <summary>The key domain this sealer's subkey belongs to.</summary>
    public KeyDomain Domain { get; }

    /// <summary>How new blocks are compressed.</summary>
    public CompressionOptions Compression { get; }

    /// <summary>The data key's id, written into every block this sealer seals.</summary>
    public uint KeyId => _keyId;

    /// <summary>
    /// Upper bound of the sealed size of a <paramref name="plaintextLength"/>-byte block: the
    /// plaintext plus <see cref="EnvelopeOverhead"/> (a block whose compression does not help is
    /// stored uncompressed, so sealing never expands more than that).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or larger than a block may be (about 2 GiB).</exception>
    public static int MaxSealedLength(int plaintextLength)
    {
        if ((uint)plaintextLength > SealedBlockFormat.MaxPlaintextLength)
        {
            CryptoThrowHelper.ThrowPlaintextTooLarge(nameof(plaintextLength), plaintextLength);
        }

        return plaintextLength + SealedBlockFormat.Overhead;
    }

    /// <summary>Bytes a sealed block adds around its (compressed) payload: header, tag and CRC.</summary>
    public static int EnvelopeOverhead => SealedBlockFormat.Overhead;

    /// <summary>
    /// Plaintext length recorded in a sealed block's header, to size the destination of
    /// <see cref="Unseal(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>. Validates the header
    /// fields (version, codec, length range) but not the CRC, which <c>Unseal</c> checks;
    /// <paramref name="sealedBlock"/> may be the whole block or just its first 10 bytes. The length is
    /// not authenticated until <c>Unseal</c> succeeds: bound it by the largest block you expect
    /// before allocating for it.
    /// </summary>
    /// <exception cref="BlockCorruptException">The header is too short or not a valid v1 header.</exception>
    public static int GetPlaintextLength(ReadOnlySpan<byte> sealedBlock)
    {
        if (sealedBlock.Length < SealedBlockFormat.AuthenticatedHeaderLength)
        {
            CryptoThrowHelper.ThrowTooShort(sealedBlock.Length);
        }

        ReadHeader(sealedBlock, out _, out var plaintextLength);
        return plaintextLength;
    }

    /// <summary>
    /// Seals <paramref name="plaintext"/> into <paramref name="destination"/> under a fresh random
    /// nonce; returns bytes written. <paramref name="aad"/> names the block's place (object, offset,
    /// kind); unsealing needs the same bytes.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than
    /// <see cref="MaxSealedLength"/> of the plaintext, or overlaps <paramref name="plaintext"/>.</exception>
    public int Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, Span<byte> destination)
    {
        var plaintextLength = plaintext.Length;
        var maxSealed = MaxSealedLength(plaintextLength);
        if (destination.Length < maxSealed)
        {
            CryptoThrowHelper.ThrowDestinationTooSmall(nameof(destination), maxSealed, destination.Length);
        }

        if (plaintext.Overlaps(destination))
        {
            throw new ArgumentException("destination must not overlap the plaintext", nameof(destination));
        }

        // Compress straight into the ciphertext area, then encrypt in place (NSec allows an exact
        // overlap). A result that does not fit in 97 % of the input is discarded: store as is.
        var codec = CompressionCodec.None;
        var payload = plaintext;
        if (_codec != CompressionCodec.None)
        {
            var limit = SealedBlockFormat.MaxUsefulCompressedLength(plaintextLength);
            var compressed = BlockCompression.TryCompress(
                _codec, _zstdLevel, plaintext, destination.Slice(SealedBlockFormat.HeaderLength, limit));
            if (compressed > 0)
            {
                codec = _codec;
                payload = destination.Slice(SealedBlockFormat.HeaderLength, compressed);
            }
        }

        destination[SealedBlockFormat.VersionOffset] = SealedBlockFormat.Version1;
        destination[SealedBlockFormat.CodecOffset] = (byte)codec;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[SealedBlockFormat.PlaintextLengthOffset..], (uint)plaintextLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[SealedBlockFormat.KeyIdOffset..], _keyId);
        var nonce = destination.Slice(SealedBlockFormat.NonceOffset, SealedBlockFormat.NonceLength);
        if (_nonceSource is null)
        {
            RandomNumberGenerator.Fill(nonce);
        }
        else
        {
            _nonceSource(nonce);
        }

        var sealedBodyLength = SealedBlockFormat.HeaderLength + payload.Length + SealedBlockFormat.TagLength;
        var ciphertext = destination.Slice(SealedBlockFormat.HeaderLength, payload.Length + SealedBlockFormat.TagLength);
        var associatedLength = SealedBlockFormat.AuthenticatedHeaderLength + aad.Length;
        byte[]? rented = null;
        var associated = associatedLength <= StackAssociatedDataLimit
            ? stackalloc byte[StackAssociatedDataLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(associatedLength));
        try
        {
            associated = BuildAssociatedData(destination, aad, associated);
            Aead.Encrypt(_key, nonce, associated, payload, ciphertext);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        var crc = Crc32C.Compute(destination[..sealedBodyLength]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[sealedBodyLength..], crc);
        return sealedBodyLength + SealedBlockFormat.CrcLength;
    }

    /// <summary>
    /// Checks and unseals <paramref name="sealedBlock"/> into <paramref name="destination"/>; returns
    /// plaintext bytes written (<see cref="GetPlaintextLength"/>). <paramref name="aad"/> must be the
    /// bytes the block was sealed with.
    /// </summary>
    /// <exception cref="BlockCorruptException">Damaged bytes (CRC32C), truncated, or unknown version or codec.</exception>
    /// <exception cref="WrongKeyException">Intact, but sealed under another data key.</exception>
    /// <exception cref="BlockAuthenticationException">Intact and our key, but not valid at this place.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the plaintext.</exception>
    public int Unseal(ReadOnlySpan<byte> sealedBlock, ReadOnlySpan<byte> aad, Span<byte> destination) =>
        UnsealCore(sealedBlock, aad, destination, allocate: false, out _);

    /// <summary>Seals into a new exact-size array (cold paths: manifests, tools, tests).</summary>
    /// <returns>The sealed block.</returns>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxSealedLength(plaintext.Length));
        try
        {
            var written = Seal(plaintext, aad, buffer);
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Unseals into a new exact-size array (cold paths: manifests, tools, tests).</summary>
    /// <returns>The plaintext.</returns>
    /// <remarks>The array is allocated only once the block has authenticated, so a doctored length
    /// field cannot make this allocate more than the block's real plaintext.</remarks>
    public byte[] Unseal(ReadOnlySpan<byte> sealedBlock, ReadOnlySpan<byte> aad)
    {
        UnsealCore(sealedBlock, aad, Span<byte>.Empty, allocate: true, out var plaintext);
        return plaintext!;
    }

    /// <summary>Disposes the subkey; the sealer is unusable afterwards.</summary>
    public void Dispose() => _key.Dispose();

    /// <summary>Header bytes [0, 10) followed by the caller's AAD; a fixed-length prefix, so unambiguous.</summary>
    private static Span<byte> BuildAssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> aad, Span<byte> buffer)
    {
        header[..SealedBlockFormat.AuthenticatedHeaderLength].CopyTo(buffer);
        aad.CopyTo(buffer[SealedBlockFormat.AuthenticatedHeaderLength..]);
        return buffer[..(SealedBlockFormat.AuthenticatedHeaderLength + aad.Length)];
    }

    /// <summary>Validates version, codec and length range of a v1 header.</summary>
    private static void ReadHeader(ReadOnlySpan<byte> header, out CompressionCodec codec, out int plaintextLength)
    {
        var version = header[SealedBlockFormat.VersionOffset];
        if (version != SealedBlockFormat.Version1)
        {
            CryptoThrowHelper.ThrowUnknownVersion(version);
        }

        var codecByte = header[SealedBlockFormat.CodecOffset];
        if (codecByte > (byte)CompressionCodec.Zstd)
        {
            CryptoThrowHelper.ThrowUnknownCodec(codecByte);
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[SealedBlockFormat.PlaintextLengthOffset..]);
        if (length > SealedBlockFormat.MaxPlaintextLength)
        {
            CryptoThrowHelper.ThrowBadPlaintextLength(length);
        }

        codec = (CompressionCodec)codecByte;
        plaintextLength = (int)length;
    }

    /// <summary>
    /// The checks in order: CRC32C (storage damage), header, key id (another data key), AEAD
    /// (authenticity at this place), then decompression. The destination size is checked only after
    /// authentication, so a doctored length field surfaces as tampering, not as a caller error.
    /// </summary>
    private int UnsealCore(
        ReadOnlySpan<byte> sealedBlock,
        ReadOnlySpan<byte> aad,
        Span<byte> destination,
        bool allocate,
        out byte[]? allocated)
    {
        allocated = null;
        if (sealedBlock.Length < SealedBlockFormat.Overhead)
        {
            CryptoThrowHelper.ThrowTooShort(sealedBlock.Length);
        }

        var body = sealedBlock[..^SealedBlockFormat.CrcLength];
        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(sealedBlock[^SealedBlockFormat.CrcLength..]);
        var computedCrc = Crc32C.Compute(body);
        if (storedCrc != computedCrc)
        {
            CryptoThrowHelper.ThrowCrcMismatch(storedCrc, computedCrc);
        }

        ReadHeader(sealedBlock, out var codec, out var plaintextLength);
        var blockKeyId = BinaryPrimitives.ReadUInt32LittleEndian(sealedBlock[SealedBlockFormat.KeyIdOffset..]);
        if (blockKeyId != _keyId)
        {
            CryptoThrowHelper.ThrowWrongKey(blockKeyId, _keyId);
        }

        var nonce = sealedBlock.Slice(SealedBlockFormat.NonceOffset, SealedBlockFormat.NonceLength);
        var ciphertext = body[SealedBlockFormat.HeaderLength..];
        var payloadLength = ciphertext.Length - SealedBlockFormat.TagLength;
        if (codec == CompressionCodec.None && payloadLength != plaintextLength)
        {
            // An intact block whose header disagrees with its body was not written by us as is.
            CryptoThrowHelper.ThrowNotAuthentic();
        }

        var associatedLength = SealedBlockFormat.AuthenticatedHeaderLength + aad.Length;
        byte[]? rentedAssociated = null;
        var associated = associatedLength <= StackAssociatedDataLimit
            ? stackalloc byte[StackAssociatedDataLimit]
            : (rentedAssociated = ArrayPool<byte>.Shared.Rent(associatedLength));
        byte[]? scratch = null;
        try
        {
            associated = BuildAssociatedData(sealedBlock, aad, associated);
            if (codec == CompressionCodec.None)
            {
                // payloadLength == plaintextLength here, so the length is bounded by the block.
                destination = PrepareDestination(destination, plaintextLength, allocate, ref allocated);
                if (!Aead.Decrypt(_key, nonce, associated, ciphertext, destination))
                {
                    CryptoThrowHelper.ThrowNotAuthentic();
                }

                return plaintextLength;
            }

            scratch = ArrayPool<byte>.Shared.Rent(Math.Max(payloadLength, 1));
            var payload = scratch.AsSpan(0, payloadLength);
            if (!Aead.Decrypt(_key, nonce, associated, ciphertext, payload))
            {
                CryptoThrowHelper.ThrowNotAuthentic();
            }

            destination = PrepareDestination(destination, plaintextLength, allocate, ref allocated);
            if (!BlockCompression.TryDecompress(codec, payload, destination, out var error))
            {
                CryptoThrowHelper.ThrowDecompressionFailed(codec, error);
            }

            return plaintextLength;
        }
        finally
        {
            if (rentedAssociated is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedAssociated);
            }

            // The scratch held compressed plaintext that the caller receives anyway; the pool is
            // process-local, so it is returned without a clearing pass.
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static Span<byte> PrepareDestination(Span<byte> destination, int plaintextLength, bool allocate, scoped ref byte[]? allocated)
    {
        if (allocate)
        {
            allocated = new byte[plaintextLength];
            return allocated;
        }

        if (destination.Length < plaintextLength)
        {
            CryptoThrowHelper.ThrowDestinationTooSmall(nameof(destination), plaintextLength, destination.Length);
        }

        return destination[..plaintextLength];
    }
}
